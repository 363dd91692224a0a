package io.entire.core.agent.gemini;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;
import io.entire.core.id.SessionId;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the chat file Gemini CLI keeps for a session: {@code <home>/.gemini/tmp/<project>/chats/session-<start
 * time>-<first 8 characters of the id>.jsonl} ({@code .json} before 0.61), where {@code <home>} is
 * {@code GEMINI_CLI_HOME} or the user's home. A resumed session leaves a second, nearly empty file with the same id;
 * the one holding the most messages is the session's.
 */
public final class GeminiChatLocator {
    private GeminiChatLocator() {
    }

    /** The session's chat file, searched in every project folder. */
    public static Optional<Path> find(SessionId id, Map<String, String> env) {
        requireNonNull(id, "id is null");
        requireNonNull(env, "env is null");
        Path projects = tmpDirectory(env);
        if (!Files.isDirectory(projects)) {
            return Optional.empty();
        }
        String suffix = "-" + id.value().substring(0, Math.min(8, id.value().length()));
        Path best = null;
        int bestCount = -1;
        for (Path candidate : candidates(projects, suffix)) {
            GeminiChat chat = GeminiChat.read(candidate);
            if (chat.sessionId().filter(id.value()::equals).isPresent() && chat.messages().size() > bestCount) {
                best = candidate;
                bestCount = chat.messages().size();
            }
        }
        return Optional.ofNullable(best);
    }

    /** Where Gemini CLI keeps its per-project folders: {@code <home>/.gemini/tmp}. */
    public static Path tmpDirectory(Map<String, String> env) {
        String configured = env.getOrDefault("GEMINI_CLI_HOME", "");
        String home = configured.isBlank() ? env.getOrDefault("HOME", "") : configured;
        return Path.of(home.isBlank() ? System.getProperty("user.home") : home).resolve(".gemini").resolve("tmp");
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
