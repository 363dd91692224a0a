package io.entire.core.doctor;

import static java.util.Objects.requireNonNull;

import io.entire.core.Warning;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import java.util.List;
import java.util.Optional;

/** One stuck session's repair: the outcome, the checkpoint a condensation wrote, and warnings (mirrors, branches). */
public record Repair(SessionId sessionId, RepairOutcome outcome, Optional<CheckpointId> checkpoint,
        List<Warning> warnings) {
    public Repair {
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(checkpoint, "checkpoint is null");
        warnings = List.copyOf(warnings);
    }

    static Repair of(SessionId sessionId, RepairOutcome outcome) {
        return new Repair(sessionId, outcome, Optional.empty(), List.of());
    }
}
