package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import java.util.List;

/** A checkpoint {@code import} wrote for a commit of the past, holding the sessions matched to it. */
public record ImportedCheckpoint(ObjectId commit, CheckpointId checkpointId, List<SessionId> sessions) {
    public ImportedCheckpoint {
        requireNonNull(commit, "commit is null");
        requireNonNull(checkpointId, "checkpointId is null");
        sessions = List.copyOf(sessions);
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("checkpoint " + checkpointId + " for " + commit + " holds no session");
        }
    }
}
