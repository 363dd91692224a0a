package io.entire.core.agent.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entire.core.agent.InvalidHookPayloadException;
import io.entire.core.id.SessionId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GeminiHookPayloadTest {
    private static final Path FIRST_FILE = Path.of(
            "/tmp/gem/run1/home/.gemini/tmp/repo/chats/session-2026-12-04T21-21-179019dc.jsonl");

    @Test
    void sessionStartNamesTheChatTheSourceAndTheWorkingDirectory() {
        GeminiHookPayload start = GeminiHookPayload.parse(Recording.hook(0, "SessionStart"));

        assertThat(start.sessionId()).isEqualTo(SessionId.of(Recording.SESSION_ID));
        assertThat(start.hookEventName()).isEqualTo("SessionStart");
        assertThat(start.transcriptPath()).contains(FIRST_FILE);
        assertThat(start.cwd()).contains(Recording.WORK_TREE);
        assertThat(start.source()).contains("startup");
        assertThat(start.resumed()).isFalse();
        assertThat(start.prompt()).isEmpty();
    }

    @Test
    void theTurnsCarryTheirPromptAndTheSessionEndItsChat() {
        GeminiHookPayload before = GeminiHookPayload.parse(Recording.hook(1, "BeforeAgent"));
        GeminiHookPayload after = GeminiHookPayload.parse(Recording.hook(12, "AfterAgent"));
        GeminiHookPayload end = GeminiHookPayload.parse(Recording.hook(13, "SessionEnd"));

        assertThat(before.prompt()).contains("Create hello.txt containing Hello");
        assertThat(after.hookEventName()).isEqualTo("AfterAgent");
        assertThat(after.prompt()).contains("Create hello.txt containing Hello");
        assertThat(end.hookEventName()).isEqualTo("SessionEnd");
        assertThat(end.transcriptPath()).contains(FIRST_FILE);
    }

    @Test
    void aResumedSessionStartsWithANewFileButItsTurnsGoOnInTheFirst() {
        GeminiHookPayload start = GeminiHookPayload.parse(Recording.hook(14, "SessionStart"));
        GeminiHookPayload turnStart = GeminiHookPayload.parse(Recording.hook(15, "BeforeAgent"));
        GeminiHookPayload turnEnd = GeminiHookPayload.parse(Recording.hook(26, "AfterAgent"));

        assertThat(start.resumed()).isTrue();
        assertThat(start.sessionId()).isEqualTo(turnEnd.sessionId());
        assertThat(start.transcriptPath()).contains(FIRST_FILE.resolveSibling(
                "session-2026-12-04T21-22-179019dc.jsonl"));
        assertThat(turnStart.transcriptPath()).contains(FIRST_FILE);
        assertThat(turnEnd.transcriptPath()).contains(FIRST_FILE);
    }

    @Test
    void theOtherEventsParseToo() {
        String[] events = {"PreCompress", "BeforeModel", "BeforeToolSelection", "AfterModel", "BeforeTool",
            "AfterTool"};
        int[] numbers = {2, 3, 4, 5, 6, 7};
        for (int i = 0; i < events.length; i++) {
            assertThat(GeminiHookPayload.parse(Recording.hook(numbers[i], events[i])).hookEventName())
                    .isEqualTo(events[i]);
        }
    }

    @Test
    void malformedJsonOrNoUsableSessionIdIsRejected() {
        assertThatThrownBy(() -> GeminiHookPayload.parse(bytes("{\"session_id\": ")))
                .isInstanceOf(InvalidHookPayloadException.class);
        assertThatThrownBy(() -> GeminiHookPayload.parse(bytes("{\"hook_event_name\": \"BeforeAgent\"}")))
                .isInstanceOf(InvalidHookPayloadException.class).hasMessageContaining("no session_id");
        assertThatThrownBy(() -> GeminiHookPayload.parse(bytes("{\"session_id\": \"../etc\"}")))
                .isInstanceOf(InvalidHookPayloadException.class).hasMessageContaining("invalid session id");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
