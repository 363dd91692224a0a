package io.entire.core.query;

import io.entire.core.id.CheckpointId;
import java.util.List;

/**
 * Every checkpoint an explain target names, in the order the commit's trailers list them: those read from a store,
 * and the ids no store holds (a squash of commits whose checkpoints were never fetched).
 */
public record Explanations(List<Explanation> found, List<CheckpointId> missing) {
    public Explanations {
        found = List.copyOf(found);
        missing = List.copyOf(missing);
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no checkpoint explained; missing " + missing);
        }
    }
}
