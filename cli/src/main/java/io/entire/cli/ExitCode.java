package io.entire.cli;

/** The process exit codes, defined here only. */
public final class ExitCode {
    public static final int OK = 0;
    /** The command failed, also when only some checkpoints failed (each is named on stderr). */
    public static final int FAILED = 1;
    /** Usage error: unknown flag, missing or invalid argument. */
    public static final int USAGE = 2;

    private ExitCode() {
    }
}
