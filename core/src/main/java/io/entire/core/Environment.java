package io.entire.core;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The world one run of entire sees: the process's variables, its working directory, the user's home, the clock, the
 * random source, and how the process lists the folders it reads again and again. Built once at the edge (a process's
 * {@code main}, or the hook server for each hook it runs, from the environment its client sent) and handed down;
 * nothing below the edge reads the JVM's own environment, so a served hook can never act on the server's by mistake.
 *
 * @param variables every environment variable of the process the run is for; git processes start from exactly these
 * @param folders the hook server's watched folders, which its hooks share; {@link WatchedFolders#none()} in a process
 *     of its own
 */
public record Environment(Map<String, String> variables, Path workingDirectory, Path home, InstantSource clock,
        RandomSource random, WatchedFolders folders) {
    public Environment {
        variables = Map.copyOf(variables);
        requireNonNull(workingDirectory, "workingDirectory is null");
        if (!workingDirectory.isAbsolute()) {
            throw new IllegalArgumentException("working directory " + workingDirectory + " is not absolute");
        }
        requireNonNull(home, "home is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(random, "random is null");
        requireNonNull(folders, "folders is null");
    }

    /**
     * The environment of a process with {@code variables} running in {@code workingDirectory}, on the system clock and
     * random source. Its home is {@code HOME} as Go's {@code os.UserHomeDir} reads it, or {@code fallbackHome} when
     * that is unset or blank.
     */
    public static Environment of(Map<String, String> variables, Path workingDirectory, Path fallbackHome) {
        String home = variables.getOrDefault("HOME", "");
        // Not Clock.systemUTC(): its first use sets up java.time's zone tables, ~0.6 ms of a light hook.
        return new Environment(variables, workingDirectory, home.isBlank() ? fallbackHome : Path.of(home),
                InstantSource.system(), RandomSource.system(), WatchedFolders.none());
    }

    /** The variable's value; empty when it is unset. */
    public Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name));
    }

    /** This environment in another working directory. */
    public Environment withWorkingDirectory(Path directory) {
        return new Environment(variables, directory, home, clock, random, folders);
    }

    /** This environment, whose process lists folders through {@code watched}. */
    public Environment withFolders(WatchedFolders watched) {
        return new Environment(variables, workingDirectory, home, clock, random, watched);
    }

    /** This environment with {@code name} set to {@code value}. */
    public Environment withVariable(String name, String value) {
        Map<String, String> changed = new HashMap<>(variables);
        changed.put(name, value);
        return new Environment(changed, workingDirectory, home, clock, random, folders);
    }

    /** This environment without the variable {@code name}. */
    public Environment withoutVariable(String name) {
        if (!variables.containsKey(name)) {
            return this;
        }
        Map<String, String> changed = new HashMap<>(variables);
        changed.remove(name);
        return new Environment(changed, workingDirectory, home, clock, random, folders);
    }

    @Override
    public String toString() {
        // The variables hold secrets (tokens, passwords) often enough to keep them out of logs and messages.
        return "Environment[" + variables.size() + " variables, workingDirectory=" + workingDirectory + ", home="
                + home + "]";
    }
}
