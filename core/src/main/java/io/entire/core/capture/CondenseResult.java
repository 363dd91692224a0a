package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.Warning;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What post-commit did: the checkpoint it wrote and the sessions in it (empty when the commit links none), the
 * linked sessions it failed to write (the checkpoint stays owed), the sessions whose uncommitted work moved onto the
 * new HEAD, the checkpoints earlier commits owed that it completed first, and warnings (mirror failures) for the log.
 */
public record CondenseResult(Optional<CheckpointId> checkpointId, List<SessionId> condensed, List<SessionId> failed,
        List<SessionId> carriedForward, List<CheckpointId> owedCompleted, List<Warning> warnings) {
    public CondenseResult {
        requireNonNull(checkpointId, "checkpointId is null");
        condensed = List.copyOf(condensed);
        failed = List.copyOf(failed);
        carriedForward = List.copyOf(carriedForward);
        owedCompleted = List.copyOf(owedCompleted);
        warnings = List.copyOf(warnings);
    }

    static CondenseResult nothing() {
        return new CondenseResult(Optional.empty(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    CondenseResult withWarnings(List<Warning> more) {
        List<Warning> allWarnings = new ArrayList<>(warnings);
        allWarnings.addAll(more);
        return new CondenseResult(checkpointId, condensed, failed, carriedForward, owedCompleted, allWarnings);
    }

    CondenseResult withOwedCompleted(OwedResult earlier) {
        List<Warning> allWarnings = new ArrayList<>(earlier.warnings());
        allWarnings.addAll(warnings);
        return new CondenseResult(checkpointId, condensed, failed, carriedForward, earlier.completed(), allWarnings);
    }
}
