package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;

/**
 * What one finished git command produced. Not a record: its output can be megabytes (a listing of 10,000 folders),
 * and parsers in this package read it in place instead of through a defensive copy.
 */
public final class GitResult {
    private final int exitCode;
    private final byte[] stdout;
    private final String stderr;

    /** Takes ownership of {@code stdout}: only this package builds results, from a buffer nothing else holds. */
    GitResult(int exitCode, byte[] stdout, String stderr) {
        this.exitCode = exitCode;
        this.stdout = requireNonNull(stdout, "stdout is null");
        this.stderr = requireNonNull(stderr, "stderr is null");
    }

    public int exitCode() {
        return exitCode;
    }

    /** Standard output, copied. */
    public byte[] stdout() {
        return stdout.clone();
    }

    /** Standard output itself, for parsers in this package that only read it. */
    byte[] stdoutInPlace() {
        return stdout;
    }

    public String stderr() {
        return stderr;
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** Standard output as UTF-8 without the trailing newline. */
    public String text() {
        String text = new String(stdout, StandardCharsets.UTF_8);
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}
