package io.entire.core.query;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.RefName;
import io.entire.core.settings.StoreMode;
import java.util.List;
import java.util.Optional;

/**
 * {@code entire status}: whether {@code entire enable} set this repository up, whether capture is on and its hooks
 * are in place, where checkpoints go, the sessions not
 * ended yet or with work not committed yet (oldest first), the checkpoint refs waiting for the next push, the
 * settings keys this program ignores ({@code "settings.json: key"}), what is wrong with each agent settings file
 * that cannot be read, and with each session state file that cannot be read.
 *
 * @param hookManagerConfiguration where a hook manager that owns the git hooks wants Entire's lines, if one does
 */
public record RepositoryStatus(boolean setUp, boolean enabled, boolean hooksInstalled,
        Optional<String> hookManagerConfiguration, StoreMode storeMode, List<SessionSummary> sessions,
        List<RefName> queuedRefs, List<String> unknownSettings, List<String> unreadableAgentSettings,
        List<String> unreadableSessions) {
    public RepositoryStatus {
        requireNonNull(hookManagerConfiguration, "hookManagerConfiguration is null");
        requireNonNull(storeMode, "storeMode is null");
        sessions = List.copyOf(sessions);
        queuedRefs = List.copyOf(queuedRefs);
        unknownSettings = List.copyOf(unknownSettings);
        unreadableAgentSettings = List.copyOf(unreadableAgentSettings);
        unreadableSessions = List.copyOf(unreadableSessions);
    }
}
