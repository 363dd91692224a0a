package io.entire.core.session;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.ObjectId;
import java.util.Optional;

/** A file as the agent left it at the end of a turn: the blob of its content, or empty when it was deleted. */
public record FileSnapshot(String path, Optional<ObjectId> blob) {
    public FileSnapshot {
        requireNonNull(path, "path is null");
        requireNonNull(blob, "blob is null");
        if (path.isEmpty() || path.startsWith("/") || path.contains("\0") || path.contains("\n")) {
            throw new IllegalArgumentException("not a repository-relative path: '" + path + "'");
        }
    }

    public boolean isDeleted() {
        return blob.isEmpty();
    }
}
