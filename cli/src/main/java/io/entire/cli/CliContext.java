package io.entire.cli;

import static java.util.Objects.requireNonNull;

import io.entire.core.Environment;
import io.entire.core.workspace.Workspace;
import java.io.PrintWriter;

/** What every command gets from {@link Main}: the environment it runs in, the writers and the terminal. */
public record CliContext(Environment environment, PrintWriter out, PrintWriter err, BuildInfo build,
        Terminal terminal) {
    public CliContext {
        requireNonNull(environment, "environment is null");
        requireNonNull(out, "out is null");
        requireNonNull(err, "err is null");
        requireNonNull(build, "build is null");
        requireNonNull(terminal, "terminal is null");
    }

    /** The repository the command runs in; close it when done. */
    public Workspace openWorkspace() {
        return Workspace.open(environment, build.version());
    }
}
