package io.entire.core;

import static java.util.Objects.requireNonNull;

import io.entire.core.id.CheckpointId;
import java.util.Optional;

/**
 * One checkpoint, or one ref of checkpoint data, that a run could not migrate, push or repair while the rest went
 * on: what it is, what kind of failure (so a caller can act on it), and why.
 *
 * @param reason the failure without its subject; {@link #text()} puts the two together
 */
public record CheckpointFailure(Optional<CheckpointId> checkpointId, Optional<String> ref, Category category,
        String reason) {
    /** What a caller can do about a failure. */
    public enum Category {
        /** Reading or writing the local store failed: see the reason, then run again. */
        STORAGE,
        /** A ref moved while the run worked: running again picks up the new value. */
        MOVED,
        /** An object the checkpoint needs is not in the repository (a partial clone, a pruned object). */
        MISSING_OBJECT,
        /** The remote refused or could not be reached: the data stays queued for the next push. */
        REMOTE
    }

    public CheckpointFailure {
        requireNonNull(checkpointId, "checkpointId is null");
        requireNonNull(ref, "ref is null");
        requireNonNull(category, "category is null");
        requireNonNull(reason, "reason is null");
        if (checkpointId.isEmpty() && ref.isEmpty()) {
            throw new IllegalArgumentException("failure names neither a checkpoint nor a ref: " + reason);
        }
    }

    /** A failure of one checkpoint. */
    public static CheckpointFailure of(CheckpointId checkpointId, Category category, String reason) {
        return new CheckpointFailure(Optional.of(checkpointId), Optional.empty(), category, reason);
    }

    /** A failure of one ref (a checkpoint ref, the checkpoint branch, the v2 refs). */
    public static CheckpointFailure ofRef(String ref, Category category, String reason) {
        return new CheckpointFailure(Optional.empty(), Optional.of(ref), category, reason);
    }

    /** The failure as a person reads it: the checkpoint id, or else the ref, then the reason. */
    public String text() {
        return checkpointId.map(CheckpointId::value).orElseGet(ref::orElseThrow) + ": " + reason;
    }

    @Override
    public String toString() {
        return text();
    }
}
