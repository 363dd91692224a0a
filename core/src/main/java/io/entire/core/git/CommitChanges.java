package io.entire.core.git;

import java.util.List;

/** What a commit changed: its paths as {@code --raw} lists them, and the lines of its text files. */
public record CommitChanges(List<PathChange> paths, List<ChangedFile> files) {
    public CommitChanges {
        paths = List.copyOf(paths);
        files = List.copyOf(files);
    }
}
