package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** One file a commit changed: the lines it added, in order, and how many lines it removed. */
public record ChangedFile(String path, List<AddedLine> addedLines, int removedLines) {
    public ChangedFile {
        requireNonNull(path, "path is null");
        addedLines = List.copyOf(addedLines);
        if (removedLines < 0) {
            throw new IllegalArgumentException(path + ": negative count of removed lines " + removedLines);
        }
    }
}
