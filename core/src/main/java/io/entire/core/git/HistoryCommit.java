package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A commit of HEAD's history: when it was written (author date) and committed, its parent count and message. */
public record HistoryCommit(ObjectId id, Instant authoredAt, Instant committedAt, int parentCount, String message) {
    public HistoryCommit {
        requireNonNull(id, "id is null");
        requireNonNull(authoredAt, "authoredAt is null");
        requireNonNull(committedAt, "committedAt is null");
        if (parentCount < 0) {
            throw new IllegalArgumentException("commit " + id + ": negative parent count " + parentCount);
        }
        requireNonNull(message, "message is null");
    }
}
