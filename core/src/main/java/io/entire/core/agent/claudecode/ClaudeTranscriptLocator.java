package io.entire.core.agent.claudecode;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;
import io.entire.core.id.SessionId;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Finds the transcript Claude Code keeps for a session under {@code <config dir>/projects/<sanitized repo>/}. */
public final class ClaudeTranscriptLocator {
    private ClaudeTranscriptLocator() {
    }

    /** The session's transcript: the repository's own project folder first, then any other project folder. */
    public static Optional<Path> find(SessionId id, Path repoRoot, Map<String, String> env) {
        requireNonNull(id, "id is null");
        requireNonNull(repoRoot, "repoRoot is null");
        requireNonNull(env, "env is null");
        Path projects = configDirectory(env).resolve("projects");
        String fileName = id.value() + ".jsonl";
        Set<String> expected = expectedFolders(repoRoot);
        for (String folder : expected) {
            Path candidate = projects.resolve(folder).resolve(fileName);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        if (!Files.isDirectory(projects)) {
            return Optional.empty();
        }
        // The session may have started in a subdirectory or another worktree of the repository.
        for (Path folder : otherFolders(projects, expected)) {
            Path candidate = folder.resolve(fileName);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The folder name Claude Code derives from a project path: every character but [A-Za-z0-9] becomes '-'. */
    public static String sanitize(Path repoRoot) {
        String absolute = repoRoot.toAbsolutePath().normalize().toString();
        StringBuilder sanitized = new StringBuilder(absolute.length());
        for (int i = 0; i < absolute.length(); i++) {
            char c = absolute.charAt(i);
            boolean kept = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            sanitized.append(kept ? c : '-');
        }
        return sanitized.toString();
    }

    private static Path configDirectory(Map<String, String> env) {
        String configured = env.getOrDefault("CLAUDE_CONFIG_DIR", "");
        if (!configured.isBlank()) {
            return Path.of(configured);
        }
        String home = env.getOrDefault("HOME", "");
        return Path.of(home.isBlank() ? System.getProperty("user.home") : home).resolve(".claude");
    }

    private static Set<String> expectedFolders(Path repoRoot) {
        Set<String> folders = new LinkedHashSet<>();
        folders.add(sanitize(repoRoot));
        try {
            // Claude Code names the folder after the path it was started in, which may be the resolved one.
            folders.add(sanitize(repoRoot.toRealPath()));
        } catch (IOException | SecurityException notResolvable) {
            // Nothing on disk to resolve: the spelling given is all we can match.
        }
        return folders;
    }

    private static List<Path> otherFolders(Path projects, Set<String> skipped) {
        List<Path> folders = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(projects, Files::isDirectory)) {
            for (Path entry : entries) {
                if (!skipped.contains(entry.getFileName().toString())) {
                    folders.add(entry);
                }
            }
        } catch (IOException e) {
            throw new EntireException(EntireException.Category.STORAGE, "cannot list Claude Code projects in "
                    + projects + ": " + e.getMessage() + "; check the directory's permissions", e);
        }
        folders.sort(null);
        return folders;
    }
}
