package io.entire.core.agent.codex;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;
import io.entire.core.Environment;
import io.entire.core.ProcessUser;
import io.entire.core.agent.FirstLine;
import io.entire.core.agent.PastSession;
import io.entire.core.agent.RestoreTarget;
import io.entire.core.agent.TranscriptAcceptance;
import io.entire.core.agent.TranscriptLocator;
import io.entire.core.agent.WorkTreePaths;
import io.entire.core.id.SessionId;
import io.entire.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Finds Codex's rollouts, {@code $CODEX_HOME/sessions/YYYY/MM/DD/rollout-<local time>-<session id>.jsonl}, for every
 * project alike; a hook payload's {@code transcript_path} is read only when it is such a file of this user.
 */
final class CodexRolloutLocator implements TranscriptLocator {
    /** {@code YYYY/MM/DD} below it. */
    private static final int DATE_DEPTH = 3;

    @Override
    public Path sessionDirectory(Path workTree, Environment environment) {
        return CodexHome.directory(environment).resolve("sessions");
    }

    /** The newest-named rollout of {@code session}, whichever day it started on. */
    @Override
    public Optional<Path> find(SessionId session, Path workTree, Environment environment) {
        requireNonNull(session, "session is null");
        Path sessions = sessionDirectory(workTree, environment);
        if (!Files.isDirectory(sessions)) {
            return Optional.empty();
        }
        String suffix = "-" + session.value() + ".jsonl";
        try (Stream<Path> files = Files.find(sessions, DATE_DEPTH + 1, (path, attributes) -> attributes.isRegularFile()
                && path.getFileName().toString().startsWith("rollout-")
                && path.getFileName().toString().endsWith(suffix))) {
            return files.max(Path::compareTo);
        } catch (IOException e) {
            throw new EntireException(EntireException.Category.STORAGE, "cannot list Codex sessions in " + sessions
                    + ": " + e.getMessage() + "; check the directory's permissions", e);
        }
    }

    /**
     * The rollouts whose first line ({@code session_meta}) names a {@code cwd} in the work tree: Codex keeps every
     * project's rollouts in one dated tree. A session with several rollouts is listed by its newest-named one.
     */
    @Override
    public List<PastSession> pastSessions(Path workTree, Environment environment) {
        Path sessions = sessionDirectory(workTree, environment);
        if (!Files.isDirectory(sessions)) {
            return List.of();
        }
        WorkTreePaths paths = new WorkTreePaths(workTree);
        Map<SessionId, Path> newest = new TreeMap<>();
        try (Stream<Path> files = Files.find(sessions, DATE_DEPTH + 1, (path, attributes) -> attributes.isRegularFile()
                && path.getFileName().toString().startsWith("rollout-")
                && path.getFileName().toString().endsWith(".jsonl"))) {
            files.forEach(rollout -> {
                JsonObject payload = FirstLine.of(rollout).findObject("payload").orElse(JsonObject.EMPTY);
                Optional<SessionId> id = payload.findString("id").or(() -> payload.findString("session_id"))
                        .flatMap(SessionId::parse);
                if (id.isPresent() && payload.findString("cwd").filter(paths::contains).isPresent()) {
                    newest.merge(id.get(), rollout, (one, other) -> one.compareTo(other) >= 0 ? one : other);
                }
            });
        } catch (IOException e) {
            throw new EntireException(EntireException.Category.STORAGE, "cannot list Codex sessions in " + sessions
                    + ": " + e.getMessage() + "; check the directory's permissions", e);
        }
        List<PastSession> found = new ArrayList<>();
        newest.forEach((id, rollout) -> found.add(new PastSession(id, rollout)));
        return found;
    }

    /**
     * The session's rollout, else {@code sessions/YYYY/MM/DD/rollout-<start>-<id>.jsonl} in local time, the start
     * taken from the rollout's first line ({@code session_meta}); {@code codex resume} finds a rollout by the id in
     * its name.
     */
    @Override
    public RestoreTarget restoreTarget(SessionId session, Path workTree, Environment environment,
            Optional<Path> stored) {
        requireNonNull(session, "session is null");
        Optional<Path> kept = find(session, workTree, environment);
        if (kept.isPresent()) {
            return RestoreTarget.file(kept.get());
        }
        JsonObject meta = stored.map(FirstLine::of).orElse(JsonObject.EMPTY);
        Instant started = meta.findString("timestamp")
                .or(() -> meta.findObject("payload").flatMap(payload -> payload.findString("timestamp")))
                .flatMap(FirstLine::instant).orElseGet(environment.clock()::instant);
        LocalDateTime local = LocalDateTime.ofInstant(started, ZoneId.systemDefault());
        // Formatters built here, not in fields: the hooks load this class and never restore.
        String folder = DateTimeFormatter.ofPattern("yyyy/MM/dd").format(local);
        String time = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss").format(local);
        return RestoreTarget.file(sessionDirectory(workTree, environment).resolve(folder)
                .resolve("rollout-" + time + "-" + session.value() + ".jsonl"));
    }

    /**
     * Payloads are input like any other: a path outside Codex's own {@code sessions/} folder, a link from inside
     * pointing out, or a file of another user would be copied into a checkpoint and pushed. Accepted: a regular file
     * owned by this process's user whose real path lies inside the real {@code $CODEX_HOME/sessions/}, or a file not
     * written yet whose folder does.
     */
    @Override
    public TranscriptAcceptance accept(Path claimed, Environment environment) {
        requireNonNull(claimed, "claimed is null");
        Path sessions;
        try {
            sessions = CodexHome.directory(environment).resolve("sessions").toRealPath();
        } catch (IOException | SecurityException e) {
            return TranscriptAcceptance.refused(claimed, "there is no Codex sessions folder ("
                    + CodexHome.directory(environment).resolve("sessions") + ")");
        }
        Path real;
        try {
            real = claimed.toRealPath();
        } catch (NoSuchFileException notYetWritten) {
            return acceptUnwritten(claimed, sessions);
        } catch (IOException | SecurityException e) {
            return TranscriptAcceptance.refused(claimed, "it cannot be resolved (" + e.getMessage() + ")");
        }
        if (!real.startsWith(sessions) || real.equals(sessions)) {
            return TranscriptAcceptance.refused(claimed, "it is not inside " + sessions);
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                return TranscriptAcceptance.refused(claimed, "it is not a regular file");
            }
            if (!ProcessUser.owns(real, sessions)) {
                return TranscriptAcceptance.refused(claimed, "it belongs to another user");
            }
        } catch (IOException | UnsupportedOperationException e) {
            return TranscriptAcceptance.refused(claimed, "its owner cannot be read (" + e.getMessage() + ")");
        }
        return TranscriptAcceptance.accepted(real);
    }

    private static TranscriptAcceptance acceptUnwritten(Path claimed, Path sessions) {
        Path folder = claimed.getParent();
        if (folder != null) {
            try {
                Path realFolder = folder.toRealPath();
                if (realFolder.startsWith(sessions) && !realFolder.equals(sessions)) {
                    return TranscriptAcceptance.accepted(realFolder.resolve(claimed.getFileName()));
                }
            } catch (IOException | SecurityException e) {
                return TranscriptAcceptance.refused(claimed, "neither it nor its folder exists");
            }
        }
        return TranscriptAcceptance.refused(claimed, "it is not inside " + sessions);
    }
}
