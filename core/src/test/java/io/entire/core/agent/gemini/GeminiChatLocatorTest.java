package io.entire.core.agent.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.id.SessionId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeminiChatLocatorTest {
    @TempDir
    Path home;

    @Test
    void ofTheTwoFilesAResumedSessionLeavesTheOneHoldingTheConversationIsFound() throws IOException {
        Path chats = Files.createDirectories(home.resolve(".gemini/tmp/repo/chats"));
        Files.copy(Recording.CHAT, chats.resolve(Recording.CHAT.getFileName()));
        Files.copy(Recording.CHAT_OF_RESUME_START, chats.resolve(Recording.CHAT_OF_RESUME_START.getFileName()));
        Files.createDirectories(home.resolve(".gemini/tmp/other/chats"));

        assertThat(GeminiChatLocator.find(SessionId.of(Recording.SESSION_ID), Map.of("HOME", home.toString())))
                .contains(chats.resolve("session-2026-12-04T21-21-179019dc.jsonl"));
        assertThat(GeminiChatLocator.find(SessionId.of("179019dc-0000-0000-0000-000000000000"),
                Map.of("HOME", home.toString()))).as("same file name prefix, another session").isEmpty();
    }

    @Test
    void geminiCliHomeReplacesTheHome() {
        assertThat(GeminiChatLocator.tmpDirectory(Map.of("HOME", "/home/a", "GEMINI_CLI_HOME", "/srv/g")))
                .isEqualTo(Path.of("/srv/g/.gemini/tmp"));
        assertThat(GeminiChatLocator.tmpDirectory(Map.of("HOME", "/home/a"))).isEqualTo(Path.of("/home/a/.gemini/tmp"));
    }
}
