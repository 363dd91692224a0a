package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A commit with its tree, the time it was committed and its whole message. */
public record DatedCommit(ObjectId id, ObjectId tree, Instant committedAt, String message) {
    public DatedCommit {
        requireNonNull(id, "id is null");
        requireNonNull(tree, "tree is null");
        requireNonNull(committedAt, "committedAt is null");
        requireNonNull(message, "message is null");
    }
}
