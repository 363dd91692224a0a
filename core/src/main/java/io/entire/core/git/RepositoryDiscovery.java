package io.entire.core.git;

import io.entire.core.ProcessUser;
import io.entire.core.SmallFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the repository around a directory by reading {@code .git} files, as {@code git rev-parse} would, without
 * starting git: that first process costs a light hook 15-20 ms of its 40 ms budget. It answers only the plain layouts
 * (a {@code .git} directory, or a {@code .git} file of a linked worktree or submodule) and declines everything git
 * would resolve differently or that it cannot check cheaply: repository variables in the environment, ceilings,
 * {@code core.worktree}, {@code core.bare}, per-worktree config, includes, sha256 object format, a directory owned by
 * someone else ({@code safe.directory}). Declined means the caller asks git.
 */
final class RepositoryDiscovery {
    /** Variables that move or restrict discovery; git is asked whenever one is set. */
    private static final List<String> DISCOVERY_VARIABLES = List.of("GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR",
            "GIT_CEILING_DIRECTORIES", "GIT_DISCOVERY_ACROSS_FILESYSTEM", "GIT_OBJECT_DIRECTORY");
    /** Config text (lower case, blanks removed) that changes where the work tree is, or how objects are named. */
    private static final List<String> DECLINED_CONFIG = List.of("worktree", "objectformat", "[include", "bare=true",
            "bare=yes", "bare=on", "bare=1", "safe.directory");

    /** Where a repository's parts are; each path is real (symbolic links resolved). */
    record Layout(Path workTree, Path gitDir, Path commonDir) {
    }

    private RepositoryDiscovery() {
    }

    /** The layout around {@code directory}, or empty when git has to be asked (including: no repository here). */
    static Optional<Layout> discover(Path directory, Map<String, String> environment) {
        for (String variable : DISCOVERY_VARIABLES) {
            if (environment.containsKey(variable)) {
                return Optional.empty();
            }
        }
        if (declines(environment.getOrDefault("GIT_CONFIG_PARAMETERS", ""))
                || environment.containsKey("GIT_CONFIG_COUNT")) {
            return Optional.empty();
        }
        try {
            for (Path candidate = directory.toRealPath(); candidate != null; candidate = candidate.getParent()) {
                if (candidate.endsWith(".git")) {
                    return Optional.empty(); // inside a git directory: no work tree, git says what that means
                }
                Path dotGit = candidate.resolve(".git");
                if (Files.isDirectory(dotGit)) {
                    return layout(candidate, dotGit);
                }
                if (Files.isRegularFile(dotGit)) {
                    Optional<Path> gitDir = gitFile(candidate, dotGit);
                    return gitDir.isPresent() ? layout(candidate, gitDir.get()) : Optional.empty();
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable, racing with a delete, odd file system: git knows best
        }
    }

    /** The directory a {@code gitdir: <path>} file names, relative paths taken from the file's directory. */
    private static Optional<Path> gitFile(Path workTree, Path dotGit) throws IOException {
        String text = SmallFiles.readUtf8(dotGit).strip();
        if (!text.startsWith("gitdir:") || text.indexOf('\n') >= 0) {
            return Optional.empty();
        }
        return Optional.of(workTree.resolve(text.substring("gitdir:".length()).strip()));
    }

    private static Optional<Layout> layout(Path workTree, Path gitDir) throws IOException {
        Path realGitDir = gitDir.toRealPath();
        if (!Files.isRegularFile(realGitDir.resolve("HEAD"))) {
            return Optional.empty();
        }
        Path commonDir = realGitDir;
        Path commonDirFile = realGitDir.resolve("commondir");
        if (Files.exists(commonDirFile)) {
            commonDir = realGitDir.resolve(SmallFiles.readUtf8(commonDirFile).strip())
                    .toRealPath();
        }
        Path config = commonDir.resolve("config");
        if (!Files.isDirectory(commonDir.resolve("objects")) || !Files.isRegularFile(config)
                || declines(SmallFiles.readUtf8(config))
                || !ProcessUser.owns(workTree) || !ProcessUser.owns(commonDir)) {
            return Optional.empty();
        }
        return Optional.of(new Layout(workTree, realGitDir, commonDir));
    }

    private static boolean declines(String config) {
        String squeezed = config.toLowerCase(Locale.ROOT).replace(" ", "").replace("\t", "");
        for (String declined : DECLINED_CONFIG) {
            if (squeezed.contains(declined)) {
                return true;
            }
        }
        return false;
    }
}
