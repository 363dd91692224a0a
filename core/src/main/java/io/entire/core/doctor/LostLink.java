package io.entire.core.doctor;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import java.util.Optional;

/**
 * A link from code to a checkpoint that does not resolve: a commit of the current branch whose trailer names a
 * checkpoint no store has, or a checkpoint that only a commit no longer on the branch linked (an amend or reset that
 * dropped its trailer), with the branch's commit that took its place when one has the same tree.
 */
public record LostLink(Kind kind, ObjectId commit, String subject, CheckpointId checkpoint,
        Optional<ObjectId> replacement) {
    public LostLink {
        requireNonNull(kind, "kind is null");
        requireNonNull(commit, "commit is null");
        requireNonNull(subject, "subject is null");
        requireNonNull(checkpoint, "checkpoint is null");
        requireNonNull(replacement, "replacement is null");
    }

    public enum Kind {
        /** The branch's commit names a checkpoint no store here has. */
        MISSING_CHECKPOINT,
        /** The reflog's commit linked a stored checkpoint no commit of the branch links. */
        DROPPED_TRAILER
    }
}
