package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;

/** What one finished git command produced. */
public record GitResult(int exitCode, byte[] stdout, String stderr) {
    public GitResult {
        requireNonNull(stdout, "stdout is null");
        requireNonNull(stderr, "stderr is null");
        stdout = stdout.clone();
    }

    @Override
    public byte[] stdout() {
        return stdout.clone();
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
