package io.entire.core.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a commit did to one file, judged against one session's writes: how many lines it added and removed, and which
 * of the added lines (numbered as the commit left the file) the agent wrote as they are, and which a person edited
 * from lines the agent wrote. The other added lines are a person's.
 */
public record AttributedFile(String path, int addedLines, int removedLines, List<LineSpan> agent,
        List<LineSpan> humanEdited) {
    public AttributedFile {
        requireNonNull(path, "path is null");
        agent = List.copyOf(agent);
        humanEdited = List.copyOf(humanEdited);
        if (addedLines < 0 || removedLines < 0) {
            throw new IllegalArgumentException(path + ": negative line count");
        }
        if (lines(agent) + lines(humanEdited) > addedLines) {
            throw new IllegalArgumentException(path + ": more attributed lines than the " + addedLines + " added");
        }
    }

    public int agentLines() {
        return lines(agent);
    }

    public int humanEditedLines() {
        return lines(humanEdited);
    }

    public int humanLines() {
        return addedLines - agentLines() - humanEditedLines();
    }

    private static int lines(List<LineSpan> spans) {
        int total = 0;
        for (LineSpan span : spans) {
            total += span.length();
        }
        return total;
    }
}
