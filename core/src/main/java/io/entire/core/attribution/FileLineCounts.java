package io.entire.core.attribution;

import static java.util.Objects.requireNonNull;

/** What a commit did to one file: the lines it added, by who wrote them, and the lines it removed. */
public record FileLineCounts(String path, int agentLines, int humanEditedLines, int humanLines, int removedLines) {
    public FileLineCounts {
        requireNonNull(path, "path is null");
        if (agentLines < 0 || humanEditedLines < 0 || humanLines < 0 || removedLines < 0) {
            throw new IllegalArgumentException(path + ": negative line count");
        }
    }
}
