package io.entire.core.session;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import java.util.List;
import java.util.Optional;

/**
 * A checkpoint that a commit of one work tree carries (or is about to carry) and that is not durably written yet.
 * prepare-commit-msg records it before the commit exists ({@code commit} empty; {@code headLogSize} is the size of the
 * work tree's HEAD reflog then, so a hook sees without starting git whether HEAD moved since), post-commit names the
 * commit before it writes anything, and the mark goes once the checkpoint and the sessions' state are written.
 * {@code attempts} counts the hooks that tried to complete it after an interruption. {@code sessions} are the sessions
 * prepare-commit-msg linked to it: their state learns it after the hook's reply, and a hook killed in between must
 * not leave the checkpoint without them.
 */
public record OwedCheckpoint(CheckpointId checkpointId, String worktreeId, Optional<ObjectId> commit,
        long headLogSize, int attempts, List<SessionId> sessions) {
    public OwedCheckpoint {
        requireNonNull(checkpointId, "checkpointId is null");
        requireNonNull(worktreeId, "worktreeId is null");
        requireNonNull(commit, "commit is null");
        sessions = List.copyOf(requireNonNull(sessions, "sessions is null"));
        if (attempts < 0) {
            throw new IllegalArgumentException("checkpoint " + checkpointId + ": negative attempts " + attempts);
        }
    }

    /** A mark that names no linked session. */
    public OwedCheckpoint(CheckpointId checkpointId, String worktreeId, Optional<ObjectId> commit, long headLogSize,
            int attempts) {
        this(checkpointId, worktreeId, commit, headLogSize, attempts, List.of());
    }

    /**
     * Owed by the commit about to be made, which links {@code sessions}, on a HEAD whose reflog has
     * {@code headLogSize} bytes (-1: none).
     */
    public static OwedCheckpoint forCommitUnderWay(CheckpointId checkpointId, String worktreeId, long headLogSize,
            List<SessionId> sessions) {
        return new OwedCheckpoint(checkpointId, worktreeId, Optional.empty(), headLogSize, 0, sessions);
    }

    /** Owed by {@code commit}, which exists. */
    public static OwedCheckpoint forCommit(CheckpointId checkpointId, String worktreeId, ObjectId commit) {
        return new OwedCheckpoint(checkpointId, worktreeId, Optional.of(commit), -1, 0);
    }

    public OwedCheckpoint withCommit(ObjectId made) {
        return new OwedCheckpoint(checkpointId, worktreeId, Optional.of(made), headLogSize, attempts, sessions);
    }

    /** HEAD was looked at when its reflog had {@code size} bytes, and does not carry this checkpoint. */
    public OwedCheckpoint withHeadLogSize(long size) {
        return new OwedCheckpoint(checkpointId, worktreeId, commit, size, attempts, sessions);
    }

    public OwedCheckpoint withAttempt() {
        return new OwedCheckpoint(checkpointId, worktreeId, commit, headLogSize, attempts + 1, sessions);
    }

    public OwedCheckpoint withSessions(List<SessionId> linked) {
        return new OwedCheckpoint(checkpointId, worktreeId, commit, headLogSize, attempts, linked);
    }
}
