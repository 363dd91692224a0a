package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts this program again, in the background, for work that must not make a hook or command wait: the same JVM and
 * class path, in a session of its own at a low priority, with no terminal and no output, never waited for. It
 * outlives the process that started it. Kept here because only this package starts processes.
 */
public final class DetachedJavaProcess {
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final Path NICE = Path.of("/usr/bin/nice");
    /** Short background work: the JIT's first tier, and the smallest collector. */
    private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Xshare:auto");

    private final Path directory;
    private final Map<String, String> environment;

    /** @param environment the whole environment the process starts from (not added to this JVM's) */
    public DetachedJavaProcess(Path directory, Map<String, String> environment) {
        this.directory = requireNonNull(directory, "directory is null");
        this.environment = Map.copyOf(environment);
    }

    /**
     * Starts {@code mainClass} with {@code args}; false, with nothing started, when this JVM cannot tell its own
     * executable or class path.
     */
    public boolean start(String mainClass, List<String> args) {
        Optional<String> java = ProcessHandle.current().info().command();
        String classPath = System.getProperty("java.class.path", "");
        if (java.isEmpty() || classPath.isEmpty()) {
            return false;
        }
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        if (Files.isExecutable(NICE)) {
            command.add(NICE.toString());
        }
        command.add(java.get());
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-cp", classPath, mainClass));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            builder.start();
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + mainClass + " in the background", e);
        }
    }
}
