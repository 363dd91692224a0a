package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import io.entire.core.Background;
import io.entire.core.Log;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Starts git processes in one directory; the only class in the project that does. */
public final class Git {
    private static final System.Logger LOG = Log.of(Git.class);
    private static final long STOP_GRACE_MILLIS = 1_000;
    private static final String STOPPED_AT_DEADLINE = "stopped: still running at its deadline";

    /** util-linux's setsid: starts a process in a session of its own, which has no controlling terminal. */
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final Path directory;
    private final Optional<Map<String, String>> base;
    private final Map<String, String> environment;
    private final Prompts prompts;

    /** Whether processes that may ask for a key's passphrase (signing) can reach a terminal. */
    enum Prompts {
        ALLOWED,
        /** Hooks: a prompt would make the user's git command or agent turn wait for an answer nobody gives. */
        NEVER,
        /** This git starts its processes without a terminal (the signing runner of a NEVER git). */
        DETACHED
    }

    private Git(Path directory, Optional<Map<String, String>> base, Map<String, String> environment,
            Prompts prompts) {
        this.directory = requireNonNull(directory, "directory is null");
        this.base = base.isPresent() ? Optional.of(Map.copyOf(base.get())) : Optional.empty();
        this.environment = Map.copyOf(environment);
        this.prompts = requireNonNull(prompts, "prompts is null");
    }

    /**
     * @param environment variables added to (or, with an empty value, removed from) the inherited environment;
     *                    the user's own GIT_* settings otherwise pass through untouched
     */
    public Git(Path directory, Map<String, String> environment) {
        this(directory, Optional.empty(), environment, Prompts.ALLOWED);
    }

    public Git(Path directory) {
        this(directory, Map.of());
    }

    /**
     * Git for another process: its processes start from exactly {@code processEnvironment} instead of this JVM's
     * own environment (the hook server runs hooks for clients whose GIT_DIR, GIT_INDEX_FILE, HOME... it must honour).
     */
    public static Git forEnvironment(Path directory, Map<String, String> processEnvironment) {
        return new Git(directory, Optional.of(processEnvironment), Map.of(), Prompts.ALLOWED);
    }

    /** This git, its processes started in {@code directory}. */
    public Git in(Path directory) {
        return new Git(directory, base, environment, prompts);
    }

    /** This git with {@code variables} added to (or, with an empty value, removed from) its environment. */
    public Git withVariables(Map<String, String> variables) {
        Map<String, String> merged = new HashMap<>(environment);
        merged.putAll(variables);
        return new Git(directory, base, merged, prompts);
    }

    /** This git for hooks: a process that signs gets no terminal to ask for a passphrase on (it fails instead). */
    public Git withoutPrompts() {
        return new Git(directory, base, environment, Prompts.NEVER);
    }

    /** Whether a process this git starts may ask on the terminal (a command, not a hook). */
    boolean promptsAllowed() {
        return prompts == Prompts.ALLOWED;
    }

    /** The git to run a process that may ask for a passphrase: this one, or a detached one when prompts are off. */
    Git forSigning() {
        return prompts == Prompts.NEVER ? new Git(directory, base, environment, Prompts.DETACHED) : this;
    }

    public Path directory() {
        return directory;
    }

    /**
     * Starts, on a daemon thread, the costly part of the JVM's set-up for its first process launch, so that it
     * overlaps the caller's own work until its first git command. Since JDK 24 {@code ProcessBuilder.start} asks for
     * a {@code System.Logger}, and the first request searches the class path and the runtime image for logging
     * back-ends, opening both: 3-5 ms of a hook. Searching for the same resource here opens them ahead; asking for a
     * logger from application code instead would also start java.util.logging (~4 ms more). Once per JVM: a hook
     * server's hooks find it done.
     */
    public static void prepareLaunches() {
        if (Runtime.version().feature() >= 24) {
            LaunchSetup.start();
        }
    }

    /** Its initialization starts the search, so the JVM runs it once. */
    private static final class LaunchSetup {
        static {
            Background.start("launch-setup", () -> ClassLoader.getSystemClassLoader()
                    .getResources("META-INF/services/" + System.LoggerFinder.class.getName()).hasMoreElements());
        }

        static void start() {
            // initializing the class is the work
        }
    }

    /** Runs git and returns its standard output; a non-zero exit is a {@link GitException}. */
    public GitResult run(String... args) {
        return run(List.of(args), null);
    }

    public GitResult run(List<String> args, byte[] stdin) {
        GitResult result = tryRun(args, stdin);
        if (!result.succeeded()) {
            throw new GitException(args, result.exitCode(), result.stderr());
        }
        return result;
    }

    /** Runs git and returns whatever happened, exit code included; only a failure to start is an exception. */
    public GitResult tryRun(List<String> args, byte[] stdin) {
        return tryRun(args, stdin, Deadline.NONE);
    }

    /**
     * As {@link #tryRun(List, byte[])}; a command still running at {@code deadline} is stopped, with the processes it
     * started (a transport, a remote's hooks), and is a {@link GitException}.
     */
    public GitResult tryRun(List<String> args, byte[] stdin, Deadline deadline) {
        Finished<byte[]> finished = execute(args, stdin, InputStream::readAllBytes, deadline);
        return new GitResult(finished.exitCode(), finished.output(), finished.stderr());
    }

    /** Reads a git process's standard output as it is written. */
    @FunctionalInterface
    interface OutputReader<T> {
        T read(InputStream stdout) throws IOException;
    }

    /**
     * Runs git and parses its standard output while it is written, so that megabytes of listing never sit in one
     * buffer; a non-zero exit is a {@link GitException}, whatever the reader made of the output.
     */
    <T> T stream(List<String> args, byte[] stdin, OutputReader<T> reader) {
        Finished<T> finished = execute(args, stdin, reader, Deadline.NONE);
        if (finished.exitCode() != 0) {
            throw new GitException(args, finished.exitCode(), finished.stderr());
        }
        return finished.output();
    }

    private record Finished<T>(int exitCode, T output, String stderr) {
    }

    private <T> Finished<T> execute(List<String> args, byte[] stdin, OutputReader<T> reader, Deadline deadline) {
        Process process = start(args);
        AtomicBoolean stopped = new AtomicBoolean();
        if (deadline.bounded()) {
            stopAtDeadline(process, deadline, stopped);
        }
        Thread stdinWriter = null;
        if (stdin != null) {
            stdinWriter = new Thread(() -> writeAndClose(process.getOutputStream(), stdin, args), "git-stdin");
            stdinWriter.start();
        } else {
            closeStdin(process.getOutputStream(), args);
        }
        StreamCollector stderr = StreamCollector.start(process.getErrorStream());
        try (InputStream stdout = process.getInputStream()) {
            T output;
            try {
                output = reader.read(stdout);
                stdout.transferTo(OutputStream.nullOutputStream());   // whatever the reader left, or git blocks
            } catch (RuntimeException e) {
                stdout.transferTo(OutputStream.nullOutputStream());   // let git finish: its exit code may explain
                int exit = process.waitFor();
                if (exit != 0) {
                    GitException failed = new GitException(args, exit, stderr.text());
                    failed.addSuppressed(e);
                    throw failed;
                }
                throw e;
            }
            int exit = process.waitFor();
            if (stopped.get()) {
                throw new GitException(args, STOPPED_AT_DEADLINE, null);
            }
            if (stdinWriter != null) {
                stdinWriter.join();
            }
            return new Finished<>(exit, output, stderr.text());
        } catch (IOException e) {
            process.destroyForcibly();
            if (stopped.get()) {   // stopping a process closes its streams under the reader
                throw new GitException(args, STOPPED_AT_DEADLINE, e);
            }
            throw new GitException(args, "reading output failed", e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new GitException(args, "interrupted", e);
        }
    }

    /**
     * Stops the process and everything it started once the deadline passes: politely first, so that git removes its
     * lock files, then for good.
     */
    private static void stopAtDeadline(Process process, Deadline deadline, AtomicBoolean stopped) {
        Thread watcher = new Thread(() -> {
            try {
                if (process.waitFor(Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS)) {
                    return;
                }
                stopped.set(true);
                List<ProcessHandle> started = process.descendants().toList();   // before they lose their parent
                process.destroy();
                started.forEach(ProcessHandle::destroy);
                if (!process.waitFor(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
                started.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "git-deadline");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Starts a long-lived git process for a worker; the caller owns its streams and must wait for it. */
    Process start(List<String> args) {
        return start(args, Map.of());
    }

    /**
     * As {@link #start(List)}, with default variables for that process only: each is set unless the environment the
     * process starts from (this JVM's, or the one this {@code Git} was made for) has it already.
     */
    Process start(List<String> args, Map<String, String> defaults) {
        List<String> command = new ArrayList<>(args.size() + 3);
        if (prompts == Prompts.DETACHED && Files.isExecutable(SETSID)) {
            command.addAll(List.of(SETSID.toString(), "--wait"));
        }
        command.add("git");
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        Map<String, String> env = builder.environment();
        base.ifPresent(variables -> {
            env.clear();
            env.putAll(variables);
        });
        if (prompts == Prompts.DETACHED) {
            env.remove("GPG_TTY");   // gpg-agent's pinentry opens the terminal this names, session or not
        }
        defaults.forEach(env::putIfAbsent);
        environment.forEach((key, value) -> {
            if (value.isEmpty()) {
                env.remove(key);
            } else {
                env.put(key, value);
            }
        });
        try {
            return builder.start();
        } catch (IOException e) {
            throw new GitException(args, "could not start git (is it installed and on PATH?)", e);
        }
    }

    private static void writeAndClose(OutputStream out, byte[] bytes, List<String> args) {
        try (out) {
            out.write(bytes);
        } catch (IOException e) {
            // git exited early (it read what it needed or failed); its exit code and stderr tell the story.
            LOG.log(Level.DEBUG, "stdin of git " + String.join(" ", args) + " closed early: " + e.getMessage());
        }
    }

    private static void closeStdin(OutputStream out, List<String> args) {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing stdin of git " + String.join(" ", args), e);
        }
    }

    /** Drains a process stream on its own thread so a chatty stderr cannot block the process. */
    static final class StreamCollector {
        private final Thread thread;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        private StreamCollector(InputStream in) {
            thread = new Thread(() -> {
                try (in) {
                    in.transferTo(buffer);
                } catch (IOException e) {
                    LOG.log(Level.DEBUG, "git stderr closed: " + e.getMessage());
                }
            }, "git-stderr");
            thread.setDaemon(true);
        }

        static StreamCollector start(InputStream in) {
            StreamCollector collector = new StreamCollector(in);
            collector.thread.start();
            return collector;
        }

        String text() throws InterruptedException {
            thread.join();
            return buffer.toString(StandardCharsets.UTF_8);
        }

        byte[] bytes() throws InterruptedException {
            thread.join();
            return buffer.toByteArray();
        }
    }
}
