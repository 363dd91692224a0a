package io.entire.core.git;

import static java.util.Objects.requireNonNull;

/**
 * One line of {@code git status --porcelain}: the index and work tree status letters and the path. Ignored files
 * never appear; untracked ones have {@code ??}.
 */
public record StatusEntry(char index, char workTree, String path) {
    public StatusEntry {
        requireNonNull(path, "path is null");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("empty path in git status");
        }
    }

    public boolean isUntracked() {
        return index == '?' && workTree == '?';
    }

    /** Deleted in the work tree or in the index. */
    public boolean isDeleted() {
        return index == 'D' || workTree == 'D';
    }

    /** Untracked, or added to the index but not in HEAD. */
    public boolean isNew() {
        return isUntracked() || index == 'A';
    }
}
