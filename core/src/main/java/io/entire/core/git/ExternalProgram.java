package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A program that is not git but that this program drives the way it drives git (an external agent's
 * {@code entire-agent-<name>} binary): started in a directory from an exact environment, fed its stdin, its output
 * collected, and stopped with whatever it started when it outlives its deadline. Kept here because only this package
 * starts processes.
 */
public final class ExternalProgram {
    private final Path executable;
    private final Path directory;
    private final Map<String, String> environment;

    /**
     * @param environment the whole environment the program starts from (not added to this JVM's)
     */
    public ExternalProgram(Path executable, Path directory, Map<String, String> environment) {
        this.executable = requireNonNull(executable, "executable is null");
        this.directory = requireNonNull(directory, "directory is null");
        this.environment = Map.copyOf(environment);
    }

    public Path executable() {
        return executable;
    }

    /**
     * Runs the program with {@code args}, writing {@code stdin} (none when null) to it; returns what it printed and
     * its exit code. A program that cannot start or is still running at {@code deadline} is an
     * {@link ExternalProgramException}.
     */
    public GitResult run(List<String> args, byte[] stdin, Deadline deadline) {
        requireNonNull(deadline, "deadline is null");
        List<String> command = new ArrayList<>(args.size() + 1);
        command.add(executable.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ExternalProgramException(executable, args, "could not start: " + e.getMessage(), e);
        }
        Thread stdinWriter = new Thread(() -> feed(process.getOutputStream(), stdin), "program-stdin");
        stdinWriter.setDaemon(true);
        stdinWriter.start();
        Git.StreamCollector stdout = Git.StreamCollector.start(process.getInputStream());
        Git.StreamCollector stderr = Git.StreamCollector.start(process.getErrorStream());
        try {
            long wait = deadline.bounded() ? Math.max(0, deadline.remainingNanos()) : Long.MAX_VALUE;
            if (!process.waitFor(wait, TimeUnit.NANOSECONDS)) {
                List<ProcessHandle> started = process.descendants().toList();
                process.destroyForcibly();
                started.forEach(ProcessHandle::destroyForcibly);
                throw new ExternalProgramException(executable, args, "stopped: still running at its deadline", null);
            }
            return new GitResult(process.exitValue(), stdout.bytes(), stderr.text());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ExternalProgramException(executable, args, "interrupted", e);
        }
    }

    private static void feed(OutputStream out, byte[] stdin) {
        try (out) {
            if (stdin != null) {
                out.write(stdin);
            }
        } catch (IOException e) {
            // the program exited without reading everything; its exit code and stderr tell why
        }
    }
}
