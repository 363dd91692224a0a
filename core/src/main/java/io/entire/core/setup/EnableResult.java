package io.entire.core.setup;

import static java.util.Objects.requireNonNull;

import io.entire.core.agent.HookInstallation;
import java.nio.file.Path;

/** What {@code enable} wrote: the settings file, how many agent hook entries it added, and the git hooks. */
public record EnableResult(Path settingsFile, HookInstallation agentHooks, GitHookInstallation gitHooks) {
    public EnableResult {
        requireNonNull(settingsFile, "settingsFile is null");
        requireNonNull(agentHooks, "agentHooks is null");
        requireNonNull(gitHooks, "gitHooks is null");
    }
}
