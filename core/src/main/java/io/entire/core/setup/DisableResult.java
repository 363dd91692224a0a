package io.entire.core.setup;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code disable} did: the settings file now saying {@code enabled: false}; with {@code --uninstall}, the git
 * hooks removed, the agent hook entries removed, and the session states and shadow branches deleted.
 */
public record DisableResult(Path settingsFile, List<String> gitHooksRemoved, int agentHooksRemoved,
        int sessionsRemoved, int shadowBranchesRemoved) {
    public DisableResult {
        requireNonNull(settingsFile, "settingsFile is null");
        gitHooksRemoved = List.copyOf(gitHooksRemoved);
    }
}
