package io.entire.core.settings;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The effective settings of a repository: {@code .entire/settings.json} overridden field by field by
 * {@code .entire/settings.local.json}. {@code unknownKeys} names keys this program does not know (other writers add
 * their own), as {@code file: key}, for {@code entire doctor}. {@code checkpointRemote} is where checkpoints go
 * instead of the code remote, when set.
 */
public record Settings(boolean enabled, String logLevel, String strategy, boolean pushSessions, boolean checkpointsV2,
        StoreMode storeMode, Optional<CheckpointRemoteSetting> checkpointRemote, List<String> unknownKeys) {
    public static final Settings DEFAULTS = new Settings(true, "", "manual-commit", true, false, StoreMode.BRANCH,
            Optional.empty(), List.of());

    public Settings {
        requireNonNull(logLevel, "logLevel is null");
        requireNonNull(strategy, "strategy is null");
        requireNonNull(storeMode, "storeMode is null");
        requireNonNull(checkpointRemote, "checkpointRemote is null");
        unknownKeys = List.copyOf(unknownKeys);
    }
}
