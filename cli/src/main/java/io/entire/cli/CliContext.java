package io.entire.cli;

import static java.util.Objects.requireNonNull;

import io.entire.core.Diagnostics;
import io.entire.core.Environment;
import io.entire.core.workspace.Workspace;
import java.io.PrintWriter;

/**
 * What every command gets from {@link Main}: the environment it runs in, the writers, the terminal, how text is styled
 * and times shown there, and the pager long output goes through.
 */
public record CliContext(Environment environment, PrintWriter out, PrintWriter err, BuildInfo build,
        Terminal terminal, Style style, Times times, Pager pager) {
    public CliContext {
        requireNonNull(environment, "environment is null");
        requireNonNull(out, "out is null");
        requireNonNull(err, "err is null");
        requireNonNull(build, "build is null");
        requireNonNull(terminal, "terminal is null");
        requireNonNull(style, "style is null");
        requireNonNull(times, "times is null");
        requireNonNull(pager, "pager is null");
    }

    /**
     * Prints {@code text} on stderr as one line after "entire: ", each control character in it escaped: messages
     * quote what users and repositories wrote (ids, settings keys and values, paths), which must neither add lines
     * nor send escape sequences to a terminal.
     */
    public void error(String text) {
        err.println("entire: " + Diagnostics.escape(text));
    }

    /** The repository the command runs in; close it when done. */
    public Workspace openWorkspace() {
        return Workspace.open(environment, build.version());
    }
}
