package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The user's pager ({@code $PAGER}, run by the shell as git runs it), showing on the terminal this program writes to
 * what is written to {@link #input()}. Kept here because only this package starts processes. One thread uses it.
 */
public final class PagerProgram implements AutoCloseable {
    private final Process process;

    private PagerProgram(Process process) {
        this.process = process;
    }

    /**
     * Starts {@code command} through {@code sh -c} with the terminal as its stdout and stderr, in {@code directory}
     * with {@code environment} as its whole environment; empty when it cannot start (the caller writes directly).
     */
    public static Optional<PagerProgram> start(String command, Path directory, Map<String, String> environment) {
        requireNonNull(command, "command is null");
        ProcessBuilder builder = new ProcessBuilder(List.of("sh", "-c", command)).directory(directory.toFile())
                .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            return Optional.of(new PagerProgram(builder.start()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Where the text to show goes; writes fail once the user quit the pager. */
    public OutputStream input() {
        return process.getOutputStream();
    }

    /** Ends the input and waits until the user quits the pager. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the user quit before reading everything
        }
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
        }
    }
}
