package io.entire.core.agent.copilot;

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
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds Copilot CLI's session logs, {@code <home>/session-state/<session>/events.jsonl} where the home is
 * {@code $COPILOT_HOME}, else {@code ~/.copilot}, for every project alike; a hook payload's {@code transcriptPath} is
 * read only when it is such a file of this user.
 */
final class CopilotSessionLocator implements TranscriptLocator {
    static final String EVENTS = "events.jsonl";

    @Override
    public Path sessionDirectory(Path workTree, Environment environment) {
        return sessionState(environment);
    }

    private static Path sessionState(Environment environment) {
        String configured = environment.variable("COPILOT_HOME").orElse("");
        Path home = configured.isBlank() ? environment.home().resolve(".copilot") : Path.of(configured);
        return home.resolve("session-state");
    }

    @Override
    public Optional<Path> find(SessionId session, Path workTree, Environment environment) {
        requireNonNull(session, "session is null");
        Path events = sessionDirectory(workTree, environment).resolve(session.value()).resolve(EVENTS);
        return Files.isRegularFile(events) ? Optional.of(events) : Optional.empty();
    }

    /**
     * The session folders whose log starts ({@code session.start}) with a {@code context.cwd} in the work tree: Copilot
     * CLI keeps every project's sessions in one folder.
     */
    @Override
    public List<PastSession> pastSessions(Path workTree, Environment environment) {
        Path sessions = sessionState(environment);
        if (!Files.isDirectory(sessions)) {
            return List.of();
        }
        WorkTreePaths paths = new WorkTreePaths(workTree);
        List<PastSession> found = new ArrayList<>();
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(sessions, Files::isDirectory)) {
            for (Path folder : folders) {
                Path events = folder.resolve(EVENTS);
                Optional<SessionId> id = SessionId.parse(folder.getFileName().toString());
                if (id.isEmpty() || !Files.isRegularFile(events)) {
                    continue;
                }
                JsonObject data = FirstLine.of(events).findObject("data").orElse(JsonObject.EMPTY);
                if (data.findObject("context").flatMap(context -> context.findString("cwd")).filter(paths::contains)
                        .isPresent()) {
                    found.add(new PastSession(id.get(), events));
                }
            }
        } catch (IOException e) {
            throw new EntireException(EntireException.Category.STORAGE, "cannot list Copilot CLI sessions in "
                    + sessions + ": " + e.getMessage() + "; check the directory's permissions", e);
        }
        return found;
    }

    /** {@code session-state/<id>/events.jsonl}, where {@code copilot --resume} reads the session from. */
    @Override
    public RestoreTarget restoreTarget(SessionId session, Path workTree, Environment environment,
            Optional<Path> stored) {
        requireNonNull(session, "session is null");
        return RestoreTarget.file(sessionDirectory(workTree, environment).resolve(session.value()).resolve(EVENTS));
    }

    /**
     * Payloads are input like any other: a path outside Copilot's {@code session-state/}, a link from inside pointing
     * out, or a file of another user would be copied into a checkpoint and pushed. Accepted: a regular file owned by
     * this process's user, named {@code events.jsonl} (its real path too), in a session folder of the real
     * {@code session-state/}, or such a file not written yet whose folder is there.
     */
    @Override
    public TranscriptAcceptance accept(Path claimed, Environment environment) {
        requireNonNull(claimed, "claimed is null");
        Path unresolved = sessionState(environment);
        Path sessions;
        try {
            sessions = unresolved.toRealPath();
        } catch (IOException | SecurityException e) {
            return TranscriptAcceptance.refused(claimed, "there is no Copilot CLI session-state folder (" + unresolved
                    + ")");
        }
        if (claimed.getFileName() == null || !claimed.getFileName().toString().equals(EVENTS)) {
            return TranscriptAcceptance.refused(claimed, "it is not a session's " + EVENTS);
        }
        Path real;
        try {
            real = claimed.toRealPath();
        } catch (NoSuchFileException notYetWritten) {
            return acceptUnwritten(claimed, sessions);
        } catch (IOException | SecurityException e) {
            return TranscriptAcceptance.refused(claimed, "it cannot be resolved (" + e.getMessage() + ")");
        }
        if (!real.getFileName().toString().equals(EVENTS)) {
            return TranscriptAcceptance.refused(claimed, "it links to " + real + ", not a session's " + EVENTS);
        }
        if (!inSessionFolder(real.getParent(), sessions)) {
            return TranscriptAcceptance.refused(claimed, "it is not in a session folder of " + sessions);
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
        try {
            Path folder = claimed.getParent() == null ? null : claimed.getParent().toRealPath();
            if (folder != null && inSessionFolder(folder, sessions)) {
                return TranscriptAcceptance.accepted(folder.resolve(EVENTS));
            }
        } catch (IOException | SecurityException e) {
            return TranscriptAcceptance.refused(claimed, "neither it nor its folder exists");
        }
        return TranscriptAcceptance.refused(claimed, "it is not in a session folder of " + sessions);
    }

    private static boolean inSessionFolder(Path folder, Path sessions) {
        return folder != null && sessions.equals(folder.getParent());
    }
}
