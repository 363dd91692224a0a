package io.entire.core.recover;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import java.time.Instant;
import java.util.Optional;

/**
 * A point a rewind can go to: a step (or the Go tool's subagent task) of a session of this work tree, a shadow branch
 * commit on HEAD, or a checkpoint linked from a commit reachable from HEAD. {@code id} is what {@code --to} takes: the
 * step commit's abbreviated id, or the checkpoint id.
 */
public record RewindPoint(String id, Kind kind, ObjectId commit, Optional<SessionId> session,
        Optional<CheckpointId> checkpoint, Optional<Instant> createdAt, String label) {
    /** What a point is. */
    public enum Kind {
        /** A step of a live session: the work tree and the transcript as the step left them. */
        STEP("step"),
        /**
         * A subagent's task the Go tool recorded between two steps of a live session: the files as the task left them,
         * and the transcript up to the task's result where the Go tool recorded it.
         */
        TASK("task"),
        /** A checkpoint linked from a commit: its session logs, and the commit to reset to. */
        COMMIT("commit");

        private final String value;

        Kind(String value) {
            this.value = value;
        }

        /** The spelling in {@code --json}. */
        public String value() {
            return value;
        }
    }

    public RewindPoint {
        requireNonNull(id, "id is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(commit, "commit is null");
        requireNonNull(session, "session is null");
        requireNonNull(checkpoint, "checkpoint is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(label, "label is null");
        if (kind == Kind.COMMIT && checkpoint.isEmpty()) {
            throw new IllegalArgumentException("committed point " + id + " has no checkpoint id");
        }
    }
}
