package io.entire.core.settings;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The effective settings of a repository: {@code .entire/settings.json} overridden field by field by
 * {@code .entire/settings.local.json}. {@code unknownKeys} names keys this program does not know (other writers add
 * their own), as {@code file: key}, for {@code entire doctor}. {@code checkpointRemote} is where checkpoints go
 * instead of the code remote, when set; {@code redaction} the project's allowed text and extra secret patterns.
 */
public record Settings(boolean enabled, String logLevel, String strategy, boolean pushSessions, boolean checkpointsV2,
        StoreMode storeMode, Optional<CheckpointRemoteSetting> checkpointRemote, RedactionSettings redaction,
        List<String> unknownKeys) {
    public static final Settings DEFAULTS = new Settings(true, "", "manual-commit", true, false, StoreMode.BRANCH,
            Optional.empty(), RedactionSettings.NONE, List.of());

    public Settings {
        requireNonNull(logLevel, "logLevel is null");
        requireNonNull(strategy, "strategy is null");
        requireNonNull(storeMode, "storeMode is null");
        requireNonNull(checkpointRemote, "checkpointRemote is null");
        requireNonNull(redaction, "redaction is null");
        unknownKeys = List.copyOf(unknownKeys);
    }
}
