package io.entire.core.git;

import static java.util.Objects.requireNonNull;

/** A commit found by searching the log, with its whole message (as {@code git log --format=%B} prints it). */
public record LoggedCommit(ObjectId id, String message) {
    public LoggedCommit {
        requireNonNull(id, "id is null");
        requireNonNull(message, "message is null");
    }
}
