package io.entire.core.query;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.ObjectId;

/** A code commit linked to the checkpoint: by its trailer, or recorded by an imported session. */
public record LinkedCommit(ObjectId id, String subject) {
    public LinkedCommit {
        requireNonNull(id, "id is null");
        requireNonNull(subject, "subject is null");
    }
}
