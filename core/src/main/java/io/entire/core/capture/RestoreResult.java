package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import java.util.List;
import java.util.Map;

/** The outcome of post-rewrite and the checkpoint ids each rewritten commit had lost (put back if RESTORED). */
public record RestoreResult(RestoreOutcome outcome, Map<ObjectId, List<CheckpointId>> lost) {
    public RestoreResult {
        requireNonNull(outcome, "outcome is null");
        lost = Map.copyOf(lost);
    }

    static RestoreResult of(RestoreOutcome outcome) {
        return new RestoreResult(outcome, Map.of());
    }

    /** The number of trailers lost (and, if RESTORED, put back). */
    public int trailerCount() {
        return lost.values().stream().mapToInt(List::size).sum();
    }
}
