package io.entire.cli;

import static java.util.Objects.requireNonNull;

import io.entire.core.Environment;
import io.entire.core.git.GitRepository;
import io.entire.core.workspace.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a hook gets from {@link Main} or the {@link HookServer}: the environment of the process it runs for (a served
 * hook's is its client's), the writers, and the work it leaves for after its reply. Unlike a command's
 * {@link CliContext}, it carries no {@link BuildInfo}: reading that from the jar costs a hook 10-30 ms of start-up
 * (measured), so only hooks that write checkpoints read it, when they build their {@link Workspace}.
 */
record HookStreams(Environment environment, PrintWriter out, PrintWriter err, AfterReply afterReply) {
    HookStreams {
        requireNonNull(environment, "environment is null");
        requireNonNull(out, "out is null");
        requireNonNull(err, "err is null");
        requireNonNull(afterReply, "afterReply is null");
    }

    /** A served hook's streams; a hook in a JVM of its own has {@link AfterReply#ofOwnProcess()}. */
    HookStreams(Environment environment, PrintWriter out, PrintWriter err) {
        this(environment, out, err, AfterReply.ofServedHook());
    }

    /** Where the hook's process runs. */
    Path workingDirectory() {
        return environment.workingDirectory();
    }

    /** The variable's value in the hook's process; empty when it is unset. */
    Optional<String> variable(String name) {
        return environment.variable(name);
    }

    /**
     * The repository whose work tree contains {@code directory}, as git finds it for the process running the hook;
     * signing in it never asks for a passphrase.
     */
    GitRepository openRepository(Path directory) {
        // a hook never waits for a passphrase; a signing failure is logged
        return GitRepository.open(directory, environment).withoutPrompts();
    }

    /** The workspace of the repository a hook opened, for hooks that write checkpoints; close it when done. */
    Workspace workspace(HookContext hookContext) {
        return Workspace.of(hookContext.repository(), hookContext.settings(), environment, BuildInfo.load().version());
    }

    /** As {@link #workspace(HookContext)}, for a repository whose settings were not read yet. */
    Workspace workspace(GitRepository repository) {
        return Workspace.of(repository, environment, BuildInfo.load().version());
    }
}
