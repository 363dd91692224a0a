package io.entire.core.settings;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The effective settings of a repository: {@code .entire/settings.json} overridden field by field by
 * {@code .entire/settings.local.json}. {@code unknownKeys} names keys this program does not know (other writers add
 * their own), as {@code file: key}, for {@code entire doctor}.
 */
public record Settings(boolean enabled, String logLevel, String strategy, boolean pushSessions, boolean checkpointsV2,
        StoreMode storeMode, List<String> unknownKeys) {
    public static final Settings DEFAULTS = new Settings(true, "", "manual-commit", true, false, StoreMode.BRANCH,
            List.of());

    public Settings {
        requireNonNull(logLevel, "logLevel is null");
        requireNonNull(strategy, "strategy is null");
        requireNonNull(storeMode, "storeMode is null");
        unknownKeys = List.copyOf(unknownKeys);
    }
}
