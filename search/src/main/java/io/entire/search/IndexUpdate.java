package io.entire.search;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What bringing the index up to date did: checkpoints indexed for the first time, indexed again because they
 * changed (a session added), and dropped because no store has them any more; and why the whole index was rebuilt,
 * when it was; and each checkpoint that could not be read (left out, and tried again at the next search); and how
 * many checkpoint folders were compared with the index (none when no store ref moved since the last search).
 */
public record IndexUpdate(int added, int changed, int removed, Optional<String> rebuiltBecause,
        List<String> failures, int compared) {
    public IndexUpdate {
        if (added < 0 || changed < 0 || removed < 0 || compared < 0) {
            throw new IllegalArgumentException("negative count: " + added + ", " + changed + ", " + removed + ", "
                    + compared);
        }
        requireNonNull(rebuiltBecause, "rebuiltBecause is null");
        failures = List.copyOf(failures);
    }
}
