package io.entire.core.git;

import io.entire.core.EntireException;
import java.util.List;

/** A git command failed; carries the command and what git said, so the user can run it again by hand. */
public final class GitException extends EntireException {
    private final List<String> command;
    private final int exitCode;
    private final String stderr;

    public GitException(List<String> command, int exitCode, String stderr) {
        super(Category.GIT, "git " + String.join(" ", command) + " failed (exit " + exitCode + ")"
                + (stderr.isBlank() ? "" : ": " + stderr.strip()));
        this.command = List.copyOf(command);
        this.exitCode = exitCode;
        this.stderr = stderr;
    }

    public GitException(List<String> command, String problem, Throwable cause) {
        super(Category.GIT, "git " + String.join(" ", command) + ": " + problem, cause);
        this.command = List.copyOf(command);
        this.exitCode = -1;
        this.stderr = "";
    }

    public List<String> command() {
        return command;
    }

    public int exitCode() {
        return exitCode;
    }

    public String stderr() {
        return stderr;
    }
}
