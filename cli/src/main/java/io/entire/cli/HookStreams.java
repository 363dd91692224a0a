package io.entire.cli;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.GitRepository;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a hook gets from {@link Main} or the {@link HookServer}. Unlike a command's {@link CliContext}, it carries no
 * {@link BuildInfo}: reading that from the jar costs a hook 10-30 ms of start-up (measured), so only hooks that write
 * checkpoints build the full context.
 *
 * @param served true when the hook server runs the hook for a client: {@code environment} is then the client's
 *               complete environment, and git must start from it rather than from this JVM's
 */
record HookStreams(Path workingDirectory, Map<String, String> environment, PrintWriter out, PrintWriter err,
        boolean served) {
    HookStreams {
        requireNonNull(workingDirectory, "workingDirectory is null");
        environment = Map.copyOf(environment);
        requireNonNull(out, "out is null");
        requireNonNull(err, "err is null");
    }

    /**
     * The repository whose work tree contains {@code directory}, as git finds it for the process running the hook;
     * signing in it never asks for a passphrase.
     */
    GitRepository openRepository(Path directory) {
        GitRepository repository = served ? GitRepository.openFor(directory, environment)
                : GitRepository.open(directory);
        return repository.withoutPrompts();   // a hook never waits for a passphrase; a signing failure is logged
    }

    /** The full context, for hooks that open the stores or stamp the program's version into checkpoints. */
    CliContext context() {
        return new CliContext(workingDirectory, environment, out, err, BuildInfo.load(), Terminal.none());
    }
}
