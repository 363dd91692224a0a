package io.entire.core.setup;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/** What {@code enable} wrote: the settings file, how many agent hook entries it added, and the git hooks. */
public record EnableResult(Path settingsFile, Path agentSettingsFile, int agentHooksAdded,
        GitHookInstallation gitHooks) {
    public EnableResult {
        requireNonNull(settingsFile, "settingsFile is null");
        requireNonNull(agentSettingsFile, "agentSettingsFile is null");
        requireNonNull(gitHooks, "gitHooks is null");
    }
}
