package io.entire.core.agent.gemini;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;
import io.entire.core.Environment;
import io.entire.core.ProcessUser;
import io.entire.core.agent.FirstLine;
import io.entire.core.agent.PastSession;
import io.entire.core.agent.RestoreTarget;
import io.entire.core.agent.TranscriptAcceptance;
import io.entire.core.agent.TranscriptLocator;
import io.entire.core.id.SessionId;
import io.entire.core.json.JsonFiles;
import io.entire.core.json.JsonFormatException;
import io.entire.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where Gemini CLI keeps a session's chat: {@code <home>/.gemini/tmp/<project>/chats/session-<start time>-<first 8
 * characters of the id>.jsonl} ({@code .json} before 0.61), {@code <home>} being {@code GEMINI_CLI_HOME} or the
 * user's home and {@code <project>} the short name {@code <home>/.gemini/projects.json} gives the work tree. A resumed
 * session leaves a second, nearly empty file with the same id; the one holding the most messages is the session's.
 */
final class GeminiTranscriptLocator implements TranscriptLocator {
    @Override
    public Path sessionDirectory(Path workTree, Environment environment) {
        requireNonNull(workTree, "workTree is null");
        Path tmp = tmpDirectory(environment);
        Path projects = tmp.resolveSibling("projects.json");
        String absolute = workTree.toAbsolutePath().normalize().toString();
        Optional<String> registered;
        try {
            registered = JsonFiles.readObject(projects).flatMap(registry -> registry.findObject("projects"))
                    .flatMap(names -> names.findString(absolute));
        } catch (JsonFormatException unreadable) {
            registered = Optional.empty();
        }
        return tmp.resolve(registered.orElseGet(() -> slug(workTree))).resolve("chats");
    }

    @Override
    public Optional<Path> find(SessionId session, Path workTree, Environment environment) {
        requireNonNull(session, "session is null");
        Path projects = tmpDirectory(environment);
        if (!Files.isDirectory(projects)) {
            return Optional.empty();
        }
        String suffix = "-" + session.value().substring(0, Math.min(8, session.value().length()));
        Path best = null;
        int bestCount = -1;
        for (Path candidate : candidates(projects, suffix)) {
            GeminiChat chat = GeminiChat.read(candidate);
            if (chat.sessionId().filter(session.value()::equals).isPresent() && chat.messages().size() > bestCount) {
                best = candidate;
                bestCount = chat.messages().size();
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The chats in the work tree's {@code chats} folder, each session by the chat holding the most messages (a resumed
     * session leaves a nearly empty second one); a chat naming no session id is left out.
     */
    @Override
    public List<PastSession> pastSessions(Path workTree, Environment environment) {
        Path chats = sessionDirectory(workTree, environment);
        if (!Files.isDirectory(chats)) {
            return List.of();
        }
        Map<SessionId, Path> best = new HashMap<>();
        Map<SessionId, Integer> counts = new HashMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(chats, "session-*.json*")) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!Files.isRegularFile(entry) || !(name.endsWith(".jsonl") || name.endsWith(".json"))) {
                    continue;
                }
                GeminiChat chat = GeminiChat.read(entry);
                Optional<SessionId> id = chat.sessionId().flatMap(SessionId::parse);
                if (id.isPresent() && chat.messages().size() > counts.getOrDefault(id.get(), -1)) {
                    best.put(id.get(), entry);
                    counts.put(id.get(), chat.messages().size());
                }
            }
        } catch (IOException e) {
            throw new EntireException(EntireException.Category.STORAGE, "cannot list Gemini CLI chats in " + chats
                    + ": " + e.getMessage() + "; check the directory's permissions", e);
        }
        List<PastSession> sessions = new ArrayList<>();
        best.forEach((id, chat) -> sessions.add(new PastSession(id, chat)));
        return sessions;
    }

    /**
     * The session's chat, else {@code session-<start minute, UTC>-<first 8 characters of the id>.jsonl} in the work
     * tree's chats folder, the start taken from the chat's metadata line ({@code .json} for a chat written as one
     * document, as before 0.61); {@code gemini --resume} finds a chat by the session id inside it.
     */
    @Override
    public RestoreTarget restoreTarget(SessionId session, Path workTree, Environment environment,
            Optional<Path> stored) {
        requireNonNull(session, "session is null");
        Optional<Path> kept = find(session, workTree, environment);
        if (kept.isPresent()) {
            return RestoreTarget.file(kept.get());
        }
        JsonObject metadata = stored.map(FirstLine::of).orElse(JsonObject.EMPTY);
        Instant started = metadata.findString("startTime").flatMap(FirstLine::instant)
                .orElseGet(environment.clock()::instant);
        // A formatter built here, not in a field: the hooks load this class and never restore.
        String minute = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm").format(started.atOffset(ZoneOffset.UTC));
        String id = session.value().substring(0, Math.min(8, session.value().length()));
        String extension = metadata.findString("sessionId").isPresent() ? ".jsonl" : ".json";
        return RestoreTarget.file(sessionDirectory(workTree, environment)
                .resolve("session-" + minute + "-" + id + extension));
    }

    /**
     * Accepted: a regular file owned by this process's user whose real path lies inside the real
     * {@code <home>/.gemini/tmp}; anything else a payload names would be copied into a checkpoint and pushed.
     */
    @Override
    public TranscriptAcceptance accept(Path claimed, Environment environment) {
        requireNonNull(claimed, "claimed is null");
        Path tmp;
        try {
            tmp = tmpDirectory(environment).toRealPath();
        } catch (IOException | SecurityException e) {
            return TranscriptAcceptance.refused(claimed, "there is no Gemini CLI folder ("
                    + tmpDirectory(environment) + ")");
        }
        Path real;
        try {
            real = claimed.toRealPath();
        } catch (IOException | SecurityException e) {
            return TranscriptAcceptance.refused(claimed, "it cannot be resolved (" + e.getMessage() + ")");
        }
        if (!real.startsWith(tmp) || real.equals(tmp)) {
            return TranscriptAcceptance.refused(claimed, "it is not inside " + tmp);
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                return TranscriptAcceptance.refused(claimed, "it is not a regular file");
            }
            if (!ProcessUser.owns(real, tmp)) {
                return TranscriptAcceptance.refused(claimed, "it belongs to another user");
            }
        } catch (IOException | UnsupportedOperationException e) {
            return TranscriptAcceptance.refused(claimed, "its owner cannot be read (" + e.getMessage() + ")");
        }
        return TranscriptAcceptance.accepted(real);
    }

    /** Where Gemini CLI keeps its per-project folders: {@code <home>/.gemini/tmp}. */
    static Path tmpDirectory(Environment environment) {
        requireNonNull(environment, "environment is null");
        String configured = environment.variable("GEMINI_CLI_HOME").orElse("");
        Path home = configured.isBlank() ? environment.home() : Path.of(configured);
        return home.resolve(".gemini").resolve("tmp");
    }

    /** The short name Gemini CLI gives a new project: its folder's name, lower case, runs of other characters '-'. */
    static String slug(Path workTree) {
        Path name = workTree.toAbsolutePath().normalize().getFileName();
        String slug = (name == null ? "" : name.toString()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-|-$", "");
        return slug.isEmpty() ? "project" : slug;
    }

    private static List<Path> candidates(Path projects, String suffix) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(projects, Files::isDirectory)) {
            for (Path folder : folders) {
                Path chats = folder.resolve("chats");
                if (!Files.isDirectory(chats)) {
                    continue;
                }
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(chats, "session-*" + suffix + ".json*")) {
                    for (Path entry : entries) {
                        String name = entry.getFileName().toString();
                        if (Files.isRegularFile(entry) && (name.endsWith(".jsonl") || name.endsWith(".json"))) {
                            files.add(entry);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new EntireException(EntireException.Category.STORAGE, "cannot list Gemini CLI chats in " + projects
                    + ": " + e.getMessage() + "; check the directory's permissions", e);
        }
        files.sort(null);
        return files;
    }
}
