package io.entire.core.agent.external;

import static java.util.Objects.requireNonNull;

import io.entire.core.Environment;
import io.entire.core.agent.Agent;
import io.entire.core.agent.DiscoveredAgent;
import io.entire.core.git.ExternalProgram;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * External agents: {@code entire-agent-<slug>} executables in the folders of the caller's PATH, the first of a name
 * winning, as the Go tool finds them. A name a built-in agent has is never executed; a binary that is not executable,
 * fails its {@code info} or speaks another protocol version is listed with the problem and not used.
 */
public final class ExternalAgents {
    /** The prefix of an external agent's executable. */
    public static final String PREFIX = "entire-agent-";
    /** How long a binary may take to answer {@code info}; the Go tool allows the same. */
    static final Duration INFO_TIME = Duration.ofSeconds(10);

    private ExternalAgents() {
    }

    /**
     * The external agent {@code slug} in {@code environment}'s PATH, if a usable binary is there; a slug a built-in
     * agent has ({@code builtIn}) or one that is not a plain name is never looked up.
     *
     * @throws ExternalAgentException when the binary is there but cannot be used (the problem named)
     */
    public static Optional<Agent> find(String slug, Set<String> builtIn, Environment environment) {
        if (!plainName(slug) || builtIn.contains(slug)) {
            return Optional.empty();
        }
        for (Path folder : path(environment)) {
            Path binary = folder.resolve(PREFIX + slug);
            if (Files.isRegularFile(binary)) {
                DiscoveredAgent found = load(slug, binary, environment);
                if (found.agent().isEmpty()) {
                    throw new ExternalAgentException(binary, found.problem());
                }
                return found.agent();
            }
        }
        return Optional.empty();
    }

    /** Every {@code entire-agent-*} on PATH, by name, built-in names left out. */
    public static List<DiscoveredAgent> discover(Set<String> builtIn, Environment environment) {
        Map<String, Path> binaries = new LinkedHashMap<>();
        for (Path folder : path(environment)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, PREFIX + "*")) {
                for (Path entry : entries) {
                    String slug = entry.getFileName().toString().substring(PREFIX.length());
                    if (plainName(slug) && !builtIn.contains(slug) && !Files.isDirectory(entry)) {
                        binaries.putIfAbsent(slug, entry);
                    }
                }
            } catch (IOException | SecurityException unreadable) {
                // a PATH folder that is missing or unreadable holds no agent
            }
        }
        List<DiscoveredAgent> found = new ArrayList<>(binaries.size());
        binaries.forEach((slug, binary) -> found.add(load(slug, binary, environment)));
        return found;
    }

    private static DiscoveredAgent load(String slug, Path binary, Environment environment) {
        if (!Files.isExecutable(binary)) {
            return new DiscoveredAgent(slug, binary, Optional.empty(), "not executable");
        }
        ExternalAgentInfo info;
        try {
            info = new ExternalAgentBinary(new ExternalProgram(binary, environment.workingDirectory(),
                    ExternalAgent.protocolVariables(environment))).info(INFO_TIME);
        } catch (ExternalAgentException e) {
            return new DiscoveredAgent(slug, binary, Optional.empty(), e.problem());
        }
        return new DiscoveredAgent(slug, binary, Optional.of(new ExternalAgent(slug, binary, info, environment)), "");
    }

    /** A name that is a file name of its own, never a path. */
    private static boolean plainName(String slug) {
        return !slug.isEmpty() && !slug.contains("/") && !slug.contains("\\") && !slug.equals(".")
                && !slug.equals("..");
    }

    private static List<Path> path(Environment environment) {
        List<Path> folders = new ArrayList<>();
        for (String entry : environment.variable("PATH").orElse("").split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            try {
                Path folder = Path.of(entry);
                if (folder.isAbsolute()) {   // a relative entry would run whatever the repository holds there
                    folders.add(folder);
                }
            } catch (InvalidPathException ignored) {
                // not a folder any program could be found in
            }
        }
        return folders;
    }
}
