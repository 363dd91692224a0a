package io.entire.core.agent.claudecode;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;
import io.entire.core.agent.TranscriptAcceptance;
import io.entire.core.agent.TranscriptLocator;
import io.entire.core.id.SessionId;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Finds the transcript Claude Code keeps for a session under {@code <config dir>/projects/<sanitized repo>/}. */
public final class ClaudeTranscriptLocator implements TranscriptLocator {
    /** The session's transcript: the repository's own project folder first, then any other project folder. */
    @Override
    public Optional<Path> find(SessionId id, Path repoRoot, Map<String, String> env) {
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

    /**
     * Whether a hook may read the transcript a payload names. Payloads are input like any other: a path outside
     * Claude Code's own {@code projects/} folder ({@code /etc/shadow}, a link from inside pointing out, a file of
     * another user) would be copied into a checkpoint and pushed. Accepted: a regular file owned by this process's
     * user whose real path lies inside the real {@code <config dir>/projects/}, or a file not written yet whose folder
     * does. {@code env} is the environment the hook runs for (a served hook's is its client's).
     */
    @Override
    public TranscriptAcceptance accept(Path claimed, Map<String, String> env) {
        requireNonNull(claimed, "claimed is null");
        Path projects;
        try {
            projects = configDirectory(env).resolve("projects").toRealPath();
        } catch (IOException | SecurityException e) {
            return TranscriptAcceptance.refused(claimed, "there is no Claude Code projects folder ("
                    + configDirectory(env).resolve("projects") + ")");
        }
        Path real;
        try {
            real = claimed.toRealPath();
        } catch (NoSuchFileException notYetWritten) {
            return acceptUnwritten(claimed, projects);
        } catch (IOException | SecurityException e) {
            return TranscriptAcceptance.refused(claimed, "it cannot be resolved (" + e.getMessage() + ")");
        }
        if (!real.startsWith(projects) || real.equals(projects)) {
            return TranscriptAcceptance.refused(claimed, "it is not inside " + projects);
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                return TranscriptAcceptance.refused(claimed, "it is not a regular file");
            }
            if (!Files.getOwner(real, LinkOption.NOFOLLOW_LINKS).equals(currentUser(projects))) {
                return TranscriptAcceptance.refused(claimed, "it belongs to another user");
            }
        } catch (IOException | UnsupportedOperationException e) {
            return TranscriptAcceptance.refused(claimed, "its owner cannot be read (" + e.getMessage() + ")");
        }
        return TranscriptAcceptance.accepted(real);
    }

    private static TranscriptAcceptance acceptUnwritten(Path claimed, Path projects) {
        Path folder = claimed.getParent();
        if (folder == null) {
            return TranscriptAcceptance.refused(claimed, "it is not inside " + projects);
        }
        try {
            Path realFolder = folder.toRealPath();
            if (realFolder.startsWith(projects) && !realFolder.equals(projects)) {
                return TranscriptAcceptance.accepted(realFolder.resolve(claimed.getFileName()));
            }
        } catch (IOException | SecurityException e) {
            return TranscriptAcceptance.refused(claimed, "neither it nor its folder exists");
        }
        return TranscriptAcceptance.refused(claimed, "it is not inside " + projects);
    }

    /** This process's user; where the name has no account (some containers), the owner of the projects folder. */
    private static UserPrincipal currentUser(Path projects) throws IOException {
        try {
            return projects.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
        } catch (UserPrincipalNotFoundException unknown) {
            return Files.getOwner(projects);
        }
    }

    /** {@code <config dir>/projects/<sanitized work tree>}: where Claude Code writes the sessions it runs there. */
    @Override
    public Path sessionDirectory(Path workTree, Map<String, String> environment) {
        return configDirectory(environment).resolve("projects").resolve(sanitize(workTree));
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
