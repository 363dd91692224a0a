package io.entire.core.query;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.RefName;
import io.entire.core.settings.StoreMode;
import java.util.List;

/**
 * {@code entire status}: whether {@code entire enable} set this repository up, whether capture is on and its hooks
 * are in place, where checkpoints go, the sessions not
 * ended yet or with work not committed yet (oldest first), the checkpoint refs waiting for the next push, and the
 * settings keys this program ignores ({@code "settings.json: key"}).
 */
public record RepositoryStatus(boolean setUp, boolean enabled, boolean hooksInstalled, StoreMode storeMode,
        List<SessionSummary> sessions, List<RefName> queuedRefs, List<String> unknownSettings) {
    public RepositoryStatus {
        requireNonNull(storeMode, "storeMode is null");
        sessions = List.copyOf(sessions);
        queuedRefs = List.copyOf(queuedRefs);
        unknownSettings = List.copyOf(unknownSettings);
    }
}
