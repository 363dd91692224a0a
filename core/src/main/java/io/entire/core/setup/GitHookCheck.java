package io.entire.core.setup;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether Entire's git hooks are in place and current, for {@code entire doctor}: each hook must exist, be Entire's,
 * and be exactly the script this version's {@code entire enable} writes for the command it runs.
 */
public final class GitHookCheck {
    private final Path directory;
    private final Path workTree;

    /** @param workTree where a hook manager's configuration lives (lefthook.yml, .pre-commit-config.yaml) */
    public GitHookCheck(Path hooksDirectory, Path workTree) {
        this.directory = requireNonNull(hooksDirectory, "hooksDirectory is null");
        this.workTree = requireNonNull(workTree, "workTree is null");
    }

    /**
     * One problem per hook that is missing, foreign or outdated, in install order; empty when all are current. When a
     * hook manager owns the hooks, one per hook its configuration does not run.
     */
    public List<GitHookProblem> problems() {
        List<GitHookProblem> problems = new ArrayList<>();
        Optional<HookManager> manager = new GitHookInstaller(directory).manager();
        if (manager.isPresent()) {
            for (String hook : GitHookScripts.HOOKS) {
                if (!manager.get().runs(workTree, directory, hook)) {
                    problems.add(new GitHookProblem(hook, manager.get().file(workTree, directory, hook),
                            GitHookProblem.Kind.NOT_IN_MANAGER));
                }
            }
            return problems;
        }
        for (String hook : GitHookScripts.HOOKS) {
            Path file = directory.resolve(hook);
            Optional<String> content = GitHookInstaller.read(file);
            if (content.isEmpty()) {
                problems.add(new GitHookProblem(hook, file, GitHookProblem.Kind.MISSING));
            } else if (!GitHookScripts.isOurs(content.get())) {
                problems.add(new GitHookProblem(hook, file, GitHookProblem.Kind.FOREIGN));
            } else if (!command(hook, content.get()).map(command -> GitHookScripts.script(hook, command)
                    .equals(content.get())).orElse(false)) {
                problems.add(new GitHookProblem(hook, file, GitHookProblem.Kind.OTHER_VERSION));
            }
        }
        return problems;
    }

    /** The command a hook of ours runs: its line {@code <command> hooks git <hook> "$@" || :}. */
    private static Optional<String> command(String hook, String script) {
        String suffix = " hooks git " + hook + " \"$@\" || :";
        return script.lines().map(String::strip).filter(line -> line.endsWith(suffix) && !line.startsWith("if "))
                .map(line -> line.substring(0, line.length() - suffix.length())).findFirst();
    }
}
