package io.entire.cli;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a hook gets from {@link Main}. Unlike a command's {@link CliContext}, it carries no {@link BuildInfo}: reading
 * that from the jar costs a hook 10-30 ms of start-up (measured), so only hooks that write checkpoints build the full
 * context.
 */
record HookStreams(Path workingDirectory, Map<String, String> environment, PrintWriter out, PrintWriter err) {
    HookStreams {
        requireNonNull(workingDirectory, "workingDirectory is null");
        environment = Map.copyOf(environment);
        requireNonNull(out, "out is null");
        requireNonNull(err, "err is null");
    }

    /** The full context, for hooks that open the stores or stamp the program's version into checkpoints. */
    CliContext context() {
        return new CliContext(workingDirectory, environment, out, err, BuildInfo.load(), Terminal.none());
    }
}
