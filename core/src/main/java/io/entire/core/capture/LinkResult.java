package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import java.util.List;
import java.util.Optional;

/** The outcome of prepare-commit-msg, the checkpoint id it put into the message, and the sessions it links. */
public record LinkResult(LinkOutcome outcome, Optional<CheckpointId> checkpointId, List<SessionId> sessions) {
    public LinkResult {
        requireNonNull(outcome, "outcome is null");
        requireNonNull(checkpointId, "checkpointId is null");
        sessions = List.copyOf(sessions);
    }

    static LinkResult of(LinkOutcome outcome) {
        return new LinkResult(outcome, Optional.empty(), List.of());
    }
}
