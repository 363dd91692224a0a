package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.Warning;
import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import java.util.List;
import java.util.Optional;

/**
 * What a stop recorded: the step (when the turn changed files), the shadow commit (empty when the snapshot was
 * identical or there was no step), the checkpoint whose transcript was completed, and warnings for the log.
 */
public record StopResult(SessionId sessionId, Optional<Integer> step, List<String> files,
        Optional<ObjectId> snapshot, Optional<CheckpointId> finalized, List<Warning> warnings) {
    public StopResult {
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(step, "step is null");
        files = List.copyOf(files);
        requireNonNull(snapshot, "snapshot is null");
        requireNonNull(finalized, "finalized is null");
        warnings = List.copyOf(warnings);
    }
}
