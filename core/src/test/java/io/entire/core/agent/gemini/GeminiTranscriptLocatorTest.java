package io.entire.core.agent.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.Environment;
import io.entire.core.agent.PastSession;
import io.entire.core.id.SessionId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeminiTranscriptLocatorTest {
    @TempDir
    Path home;

    @Test
    void ofTheTwoFilesAResumedSessionLeavesTheOneHoldingTheConversationIsFound() throws IOException {
        Path chats = Files.createDirectories(home.resolve(".gemini/tmp/repo/chats"));
        Files.copy(Recording.CHAT, chats.resolve(Recording.CHAT.getFileName()));
        Files.copy(Recording.CHAT_OF_RESUME_START, chats.resolve(Recording.CHAT_OF_RESUME_START.getFileName()));
        Files.createDirectories(home.resolve(".gemini/tmp/other/chats"));

        GeminiTranscriptLocator locator = new GeminiTranscriptLocator();
        Environment environment = environment(Map.of("HOME", home.toString()));
        assertThat(locator.find(SessionId.of(Recording.SESSION_ID), Recording.WORK_TREE, environment))
                .contains(chats.resolve("session-2026-12-04T21-21-179019dc.jsonl"));
        assertThat(locator.find(SessionId.of("179019dc-0000-0000-0000-000000000000"), Recording.WORK_TREE,
                environment)).as("same file name prefix, another session").isEmpty();
    }

    @Test
    void thePastSessionsOfAProjectAreItsChatsEachSessionByItsFullestFile() throws IOException {
        Path chats = Files.createDirectories(home.resolve(".gemini/tmp/repo/chats"));
        Files.copy(Recording.CHAT, chats.resolve(Recording.CHAT.getFileName()));
        Files.copy(Recording.CHAT_OF_RESUME_START, chats.resolve(Recording.CHAT_OF_RESUME_START.getFileName()));
        Path other = Files.createDirectories(home.resolve(".gemini/tmp/other/chats"));
        Files.copy(Recording.CHAT, other.resolve(Recording.CHAT.getFileName()));

        GeminiTranscriptLocator locator = new GeminiTranscriptLocator();
        Environment environment = environment(Map.of("HOME", home.toString()));

        assertThat(locator.pastSessions(Recording.WORK_TREE, environment)).containsExactly(new PastSession(
                SessionId.of(Recording.SESSION_ID), chats.resolve("session-2026-12-04T21-21-179019dc.jsonl")));
        assertThat(locator.pastSessions(Path.of("/tmp/elsewhere"), environment)).isEmpty();
    }

    @Test
    void aStoredChatGoesBackUnderTheNameGeminiCliGivesItOrOverTheFileItKeeps() throws IOException {
        Environment environment = environment(Map.of("HOME", home.toString()));
        GeminiTranscriptLocator locator = new GeminiTranscriptLocator();
        SessionId session = SessionId.of(Recording.SESSION_ID);

        Path target = locator.restoreTarget(session, Recording.WORK_TREE, environment, Optional.of(Recording.CHAT))
                .file();

        assertThat(target).as("named after its start minute (UTC) and the id's first 8 characters")
                .isEqualTo(home.resolve(".gemini/tmp/repo/chats/session-2026-12-04T21-21-179019dc.jsonl"));
        Files.createDirectories(target.getParent());
        Files.copy(Recording.CHAT, target);
        assertThat(locator.find(session, Recording.WORK_TREE, environment)).contains(target);
        assertThat(locator.restoreTarget(session, Recording.WORK_TREE, environment,
                Optional.of(Recording.CHAT_OF_RESUME_START)).file()).as("the file it keeps").isEqualTo(target);
    }

    @Test
    void geminiCliHomeReplacesTheHome() {
        assertThat(GeminiTranscriptLocator.tmpDirectory(
                environment(Map.of("HOME", "/home/a", "GEMINI_CLI_HOME", "/srv/g"))))
                .isEqualTo(Path.of("/srv/g/.gemini/tmp"));
        assertThat(GeminiTranscriptLocator.tmpDirectory(environment(Map.of("HOME", "/home/a"))))
                .isEqualTo(Path.of("/home/a/.gemini/tmp"));
    }

    @Test
    void theSessionFolderIsTheOneTheProjectRegistryNamesOrTheSlugOfTheFoldersName() throws IOException {
        Path gemini = Files.createDirectories(home.resolve(".gemini"));
        Environment environment = environment(Map.of("HOME", home.toString()));
        GeminiTranscriptLocator locator = new GeminiTranscriptLocator();

        assertThat(locator.sessionDirectory(Path.of("/src/My Project_2"), environment))
                .isEqualTo(gemini.resolve("tmp/my-project-2/chats"));
        Files.writeString(gemini.resolve("projects.json"),
                "{\"projects\": {\"/src/My Project_2\": \"my-project-2-1\"}}");
        assertThat(locator.sessionDirectory(Path.of("/src/My Project_2"), environment))
                .isEqualTo(gemini.resolve("tmp/my-project-2-1/chats"));
    }

    @Test
    void onlyAFileInsideGeminiClisOwnFolderIsAccepted() throws IOException {
        Path chats = Files.createDirectories(home.resolve(".gemini/tmp/repo/chats"));
        Path chat = Files.copy(Recording.CHAT, chats.resolve(Recording.CHAT.getFileName()));
        Path elsewhere = Files.copy(Recording.CHAT, home.resolve("stolen.jsonl"));
        Path link = Files.createSymbolicLink(chats.resolve("session-link-179019dc.jsonl"), elsewhere);
        Environment environment = environment(Map.of("HOME", home.toString()));
        GeminiTranscriptLocator locator = new GeminiTranscriptLocator();

        assertThat(locator.accept(chat, environment).transcript()).contains(chat.toRealPath());
        assertThat(locator.accept(elsewhere, environment).refusal()).contains("is not inside");
        assertThat(locator.accept(link, environment).refusal()).contains("is not inside");
        assertThat(locator.accept(chat, environment(Map.of("HOME", home.resolve("nobody").toString()))).refusal())
                .contains("there is no Gemini CLI folder");
    }

    private static Environment environment(Map<String, String> variables) {
        return Environment.of(variables, Path.of("/"), Path.of("/nonexistent"));
    }
}
