package io.entire.core.session;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.ObjectId;
import java.util.Optional;

/** A file as the agent left it at the end of a turn: the blob of its content, or empty when it was deleted. */
public record FileSnapshot(String path, Optional<ObjectId> blob) {
    public FileSnapshot {
        requireNonNull(path, "path is null");
        requireNonNull(blob, "blob is null");
        if (path.isEmpty() || path.startsWith("/") || path.contains("\0")) {
            throw new IllegalArgumentException("not a repository-relative path: '" + path + "'");
        }
    }

    // Written out: a record's generated equals and hashCode bind through invokedynamic on first use, which spins
    // method-handle classes outside the start-up cache in every stop hook (about 8 ms).
    @Override
    public boolean equals(Object other) {
        return other instanceof FileSnapshot snapshot && path.equals(snapshot.path) && blob.equals(snapshot.blob);
    }

    @Override
    public int hashCode() {
        return 31 * path.hashCode() + blob.hashCode();
    }

    public boolean isDeleted() {
        return blob.isEmpty();
    }
}
