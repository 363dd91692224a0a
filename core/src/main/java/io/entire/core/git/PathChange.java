package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One path that differs between two trees (or a tree and the index): its blob before and after, each empty where
 * the path did not exist. A path in both is modified; only after is added; only before is deleted.
 */
public record PathChange(String path, Optional<ObjectId> before, Optional<ObjectId> after) {
    public PathChange {
        requireNonNull(path, "path is null");
        requireNonNull(before, "before is null");
        requireNonNull(after, "after is null");
        if (path.isEmpty() || path.startsWith("/")) {
            throw new IllegalArgumentException("not a repository-relative path: '" + path + "'");
        }
        if (before.isEmpty() && after.isEmpty()) {
            throw new IllegalArgumentException("path " + path + " changed from nothing to nothing");
        }
    }

    public boolean isAdded() {
        return before.isEmpty();
    }

    public boolean isDeleted() {
        return after.isEmpty();
    }
}
