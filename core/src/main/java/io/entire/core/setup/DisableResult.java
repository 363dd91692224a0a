package io.entire.core.setup;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code disable} did: the settings file now saying {@code enabled: false}; with {@code --uninstall}, the git
 * hooks removed, the agent hook entries removed, the session states and shadow branches deleted, and whether
 * {@code .entire/} went too ({@code entireFolderRemoved}) or which files of others kept it ({@code othersFiles}).
 */
public record DisableResult(Path settingsFile, List<String> gitHooksRemoved, int agentHooksRemoved,
        int sessionsRemoved, int shadowBranchesRemoved, boolean entireFolderRemoved, List<String> othersFiles) {
    public DisableResult {
        requireNonNull(settingsFile, "settingsFile is null");
        gitHooksRemoved = List.copyOf(gitHooksRemoved);
        othersFiles = List.copyOf(othersFiles);
    }
}
