package io.entire.core.agent.claudecode;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;
import io.entire.core.Environment;
import io.entire.core.ProcessUser;
import io.entire.core.agent.PastSession;
import io.entire.core.agent.RestoreTarget;
import io.entire.core.agent.TranscriptAcceptance;
import io.entire.core.agent.TranscriptLocator;
import io.entire.core.agent.TranscriptRewrite;
import io.entire.core.id.SessionId;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Finds the transcript Claude Code keeps for a session under {@code <config dir>/projects/<sanitized repo>/}. */
public final class ClaudeTranscriptLocator implements TranscriptLocator {
    /** A transcript's first lines may be summaries or snapshots without a cwd; a real one has it within a few. */
    private static final int LINES_SEARCHED_FOR_CWD = 200;

    /** The session's transcript: the repository's own project folder first, then any other project folder. */
    @Override
    public Optional<Path> find(SessionId id, Path repoRoot, Environment environment) {
        requireNonNull(id, "id is null");
        requireNonNull(repoRoot, "repoRoot is null");
        requireNonNull(environment, "environment is null");
        Path projects = configDirectory(environment).resolve("projects");
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
     * The transcripts ({@code <session id>.jsonl}) of the sessions started in the work tree or in a folder inside it:
     * those of the work tree's project folder, and of each project folder named as a folder inside it would be (its
     * name followed by {@code -}) whose recorded {@code cwd} is inside the work tree, since a folder beside it whose
     * name starts alike ({@code repo-old}) has a project folder named like that too.
     */
    @Override
    public List<PastSession> pastSessions(Path workTree, Environment environment) {
        Path projects = configDirectory(environment).resolve("projects");
        if (!Files.isDirectory(projects)) {
            return List.of();
        }
        Set<String> own = expectedFolders(workTree);
        Set<Path> roots = new LinkedHashSet<>(List.of(workTree.toAbsolutePath().normalize()));
        try {
            roots.add(workTree.toRealPath());
        } catch (IOException | SecurityException notResolvable) {
            // the spelling given is all there is to compare with
        }
        List<PastSession> sessions = new ArrayList<>();
        Set<SessionId> seen = new HashSet<>();
        for (String name : own) {
            addSessions(projects.resolve(name), transcript -> true, seen, sessions);
        }
        for (Path folder : otherFolders(projects, own)) {
            String name = folder.getFileName().toString();
            if (own.stream().anyMatch(prefix -> name.startsWith(prefix + "-"))) {
                addSessions(folder, transcript -> recordedWorkTree(transcript).map(Path::normalize)
                        .filter(cwd -> roots.stream().anyMatch(cwd::startsWith)).isPresent(), seen, sessions);
            }
        }
        return sessions;
    }

    private static void addSessions(Path folder, Predicate<Path> accepted, Set<SessionId> seen,
            List<PastSession> sessions) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "*.jsonl")) {
            for (Path entry : entries) {
                Optional<SessionId> id = sessionIdOf(entry);
                if (id.isPresent() && !seen.contains(id.get()) && Files.isRegularFile(entry) && accepted.test(entry)) {
                    seen.add(id.get());
                    sessions.add(new PastSession(id.get(), entry));
                }
            }
        } catch (IOException e) {
            throw new EntireException(EntireException.Category.STORAGE, "cannot list Claude Code sessions in "
                    + folder + ": " + e.getMessage() + "; check the directory's permissions", e);
        }
    }

    private static Optional<SessionId> sessionIdOf(Path transcript) {
        String name = transcript.getFileName().toString();
        return SessionId.parse(name.substring(0, name.length() - ".jsonl".length()));
    }

    /**
     * Whether a hook may read the transcript a payload names. Payloads are input like any other: a path outside
     * Claude Code's own {@code projects/} folder ({@code /etc/shadow}, a link from inside pointing out, a file of
     * another user) would be copied into a checkpoint and pushed. Accepted: a regular file owned by this process's
     * user whose real path lies inside the real {@code <config dir>/projects/}, or a file not written yet whose folder
     * does. {@code environment} is the one the hook runs for (a served hook's is its client's).
     */
    @Override
    public TranscriptAcceptance accept(Path claimed, Environment environment) {
        requireNonNull(claimed, "claimed is null");
        Path projects;
        try {
            projects = configDirectory(environment).resolve("projects").toRealPath();
        } catch (IOException | SecurityException e) {
            return TranscriptAcceptance.refused(claimed, "there is no Claude Code projects folder ("
                    + configDirectory(environment).resolve("projects") + ")");
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
            if (!ProcessUser.owns(real, projects)) {
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

    /** The {@code cwd} of the first transcript line that has one. */
    @Override
    public Optional<Path> recordedWorkTree(Path transcript) {
        JsonReader json = new JsonReader();
        try (BufferedReader lines = Files.newBufferedReader(transcript, StandardCharsets.UTF_8)) {
            String line;
            for (int read = 0; read < LINES_SEARCHED_FOR_CWD && (line = lines.readLine()) != null; read++) {
                Optional<String> cwd = cwdOf(json, line);
                if (cwd.isPresent()) {
                    return cwd.map(Path::of);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("reading transcript " + transcript, e);
        }
    }

    /**
     * Claude Code keeps the system prompt it ran with in its transcript ({@code prompt_snapshot} attachments) and a
     * resumed session runs with it again; it names the memory folder, {@code <config dir>/projects/<sanitized work
     * tree>/memory}, of the machine and clone that recorded it, which becomes this clone's here.
     */
    @Override
    public List<TranscriptRewrite> relocations(Path recordedWorkTree, Path workTree, Environment environment) {
        Pattern memory = Pattern.compile("/[^\\s\"'`\\\\]*/projects/" + Pattern.quote(sanitize(recordedWorkTree))
                + "/memory(?![A-Za-z0-9._-])");
        return List.of(new TranscriptRewrite(memory,
                sessionDirectory(restoreRoot(workTree), environment).resolve("memory").toString()));
    }

    private static Optional<String> cwdOf(JsonReader json, String line) {
        if (!line.contains("\"cwd\"")) {
            return Optional.empty();
        }
        try {
            JsonObject object = json.parseObject(line.getBytes(StandardCharsets.UTF_8));
            return object.findString("cwd").filter(cwd -> cwd.startsWith("/"));
        } catch (RuntimeException malformed) {
            return Optional.empty();   // a broken line says nothing; the next one may
        }
    }

    /** {@code <config dir>/projects/<the work tree's real path, sanitized>/<id>.jsonl}, where a resume looks. */
    @Override
    public RestoreTarget restoreTarget(SessionId session, Path workTree, Environment environment,
            Optional<Path> stored) {
        requireNonNull(session, "session is null");
        return RestoreTarget.file(sessionDirectory(restoreRoot(workTree), environment)
                .resolve(session.value() + ".jsonl"));
    }

    /** The path Claude Code names its project folder after: the one it runs in, resolved. */
    private static Path restoreRoot(Path workTree) {
        try {
            return workTree.toRealPath();
        } catch (IOException notResolvable) {
            return workTree.toAbsolutePath().normalize();
        }
    }

    /** {@code <config dir>/projects/<sanitized work tree>}: where Claude Code writes the sessions it runs there. */
    @Override
    public Path sessionDirectory(Path workTree, Environment environment) {
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

    /** Claude Code's configuration folder: {@code $CLAUDE_CONFIG_DIR}, else {@code ~/.claude}. */
    public static Path configDirectory(Environment environment) {
        String configured = environment.variable("CLAUDE_CONFIG_DIR").orElse("");
        return configured.isBlank() ? environment.home().resolve(".claude") : Path.of(configured);
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
