package io.entire.core.capture;

import io.entire.core.Warning;
import io.entire.core.id.CheckpointId;
import java.util.List;

/**
 * What completing owed checkpoints did: those now written, those dropped (their commit was never made, or is gone),
 * and warnings for the log.
 */
public record OwedResult(List<CheckpointId> completed, List<CheckpointId> dropped, List<Warning> warnings) {
    public OwedResult {
        completed = List.copyOf(completed);
        dropped = List.copyOf(dropped);
        warnings = List.copyOf(warnings);
    }
}
