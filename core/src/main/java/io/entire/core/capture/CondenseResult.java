package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import java.util.List;
import java.util.Optional;

/**
 * What post-commit did: the checkpoint it wrote and the sessions in it (empty when the commit links none), the
 * sessions whose uncommitted work moved onto the new HEAD, and warnings (mirror failures) for the log.
 */
public record CondenseResult(Optional<CheckpointId> checkpointId, List<SessionId> condensed,
        List<SessionId> carriedForward, List<String> warnings) {
    public CondenseResult {
        requireNonNull(checkpointId, "checkpointId is null");
        condensed = List.copyOf(condensed);
        carriedForward = List.copyOf(carriedForward);
        warnings = List.copyOf(warnings);
    }
}
