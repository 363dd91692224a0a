package io.entire.core.agent.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.agent.Agent;
import io.entire.core.agent.Agents;
import io.entire.core.agent.LifecycleEvent;
import io.entire.core.agent.TranscriptAnalysis;
import io.entire.core.agent.TranscriptPass;
import io.entire.core.agent.TranscriptPosition;
import io.entire.core.id.SessionId;
import io.entire.core.json.JsonReader;
import io.entire.core.model.TokenUsage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiCliTest {
    private static final Agent GEMINI = Agents.bySlug("gemini");
    private static final Path FIRST_FILE = Path.of(
            "/tmp/gem/run1/home/.gemini/tmp/repo/chats/session-2026-12-04T21-21-179019dc.jsonl");

    @Test
    void theFourInstalledHooksMapToTheLifecycleAndTheOthersAreIgnored() {
        LifecycleEvent start = GEMINI.parseHook("session-start", Recording.hook(0, "SessionStart"));
        LifecycleEvent turnStart = GEMINI.parseHook("before-agent", Recording.hook(1, "BeforeAgent"));
        LifecycleEvent turnEnd = GEMINI.parseHook("after-agent", Recording.hook(12, "AfterAgent"));
        LifecycleEvent end = GEMINI.parseHook("session-end", Recording.hook(13, "SessionEnd"));
        LifecycleEvent tool = GEMINI.parseHook("after-tool", Recording.hook(7, "AfterTool"));
        LifecycleEvent compress = GEMINI.parseHook("pre-compress", Recording.hook(8, "PreCompress"));

        assertThat(List.of(start, turnStart, turnEnd, end, tool, compress)).extracting(LifecycleEvent::type)
                .containsExactly(LifecycleEvent.Type.SESSION_START, LifecycleEvent.Type.TURN_START,
                        LifecycleEvent.Type.TURN_END, LifecycleEvent.Type.SESSION_END, LifecycleEvent.Type.IGNORED,
                        LifecycleEvent.Type.COMPACTION);
        assertThat(compress.transcript()).contains(FIRST_FILE);
        assertThat(turnStart.sessionId()).isEqualTo(SessionId.of(Recording.SESSION_ID));
        assertThat(turnStart.hookName()).isEqualTo("BeforeAgent");
        assertThat(turnStart.prompt()).contains("Create hello.txt containing Hello");
        assertThat(turnStart.transcript()).contains(FIRST_FILE);
        assertThat(turnStart.cwd()).contains(Recording.WORK_TREE);
        assertThat(turnEnd.prompt()).as("the prompt starts a turn only").isEmpty();
    }

    @Test
    void aResumedSessionStartNamesNoTranscriptSinceItsTurnsGoOnInTheFirstFile() {
        LifecycleEvent resumed = GEMINI.parseHook("session-start", Recording.hook(14, "SessionStart"));
        LifecycleEvent turnStart = GEMINI.parseHook("before-agent", Recording.hook(15, "BeforeAgent"));

        assertThat(resumed.type()).isEqualTo(LifecycleEvent.Type.SESSION_START);
        assertThat(resumed.transcript()).isEmpty();
        assertThat(turnStart.transcript()).contains(FIRST_FILE);
    }

    @Test
    void thePassOverTheStoredChatGivesTheSecondTurnAndItsCompactTranscript() throws IOException {
        TranscriptPosition afterFirstTurn = GEMINI.transcriptFormat().end(Recording.CHAT_AFTER_TURN_ONE);
        assertThat(afterFirstTurn).isEqualTo(new TranscriptPosition(TranscriptPosition.Unit.MESSAGE, 5));
        ByteArrayOutputStream compact = new ByteArrayOutputStream();
        TranscriptPass pass = GEMINI.transcriptFormat().startPass(afterFirstTurn, Recording.WORK_TREE, compact,
                "1.2.3");

        List<String> lines = Files.readAllLines(Recording.CHAT);
        JsonReader json = new JsonReader();
        for (int index = 0; index < lines.size(); index++) {
            assertThat(pass.wants(index + 1)).as("every line may rewrite the message list").isTrue();
            pass.accept(json.parse(lines.get(index).getBytes(StandardCharsets.UTF_8)), index + 1);
        }
        TranscriptAnalysis analysis = pass.finish(lines.size());

        assertThat(analysis.prompts()).containsExactly("Change Hello to Goodbye in hello.txt");
        assertThat(analysis.filesTouched()).containsExactly("hello.txt");
        assertThat(analysis.tokenUsage()).isEqualTo(new TokenUsage(440, 0, 50, 37, 2));
        assertThat(analysis.end()).isEqualTo(GEMINI.transcriptFormat().end(Recording.CHAT));
        assertThat(analysis.lineCount()).isEqualTo(22);
        assertThat(analysis.sessionIdInTranscript()).contains(Recording.SESSION_ID);
        assertThat(analysis.firstTimestamp()).contains("2026-12-04T21:22:18.705Z");
        assertThat(pass.subagents(Recording.CHAT)).isEmpty();
        assertThat(compact.toString(StandardCharsets.UTF_8)).isEqualTo("""
                {"v":1,"agent":"gemini","cli_version":"1.2.3","type":"user","ts":"2026-12-04T21:22:18.705Z",\
                "content":[{"text":"Change Hello to Goodbye in hello.txt"}]}
                {"v":1,"agent":"gemini","cli_version":"1.2.3","type":"assistant","ts":"2026-12-04T21:22:19.077Z",\
                "id":"fdfd6d35-5465-47ac-b10d-3fa6106a1a09","input_tokens":200,"output_tokens":30,"content":[\
                {"type":"tool_use","id":"replace__replace_1796419338950_0","name":"replace","input":{\
                "file_path":"/tmp/gem/run1/repo/hello.txt","old_string":"Hello","new_string":"Goodbye",\
                "instruction":"Change the greeting"},"result":{"output":"Successfully modified file: \
                /tmp/gem/run1/repo/hello.txt (1 replacements). Here is the updated code:\\nGoodbye\\n",\
                "status":"success"}}]}
                {"v":1,"agent":"gemini","cli_version":"1.2.3","type":"assistant","ts":"2026-12-04T21:22:19.229Z",\
                "id":"0fd3f7a2-84fb-4ee5-b981-ab5baf9a2b79","input_tokens":240,"output_tokens":7,"content":[\
                {"type":"text","text":"Changed it."}]}
                """);
    }

    @Test
    void theCompactFormOfAWholeStoredChatHoldsBothTurns() throws IOException {
        ByteArrayOutputStream compact = new ByteArrayOutputStream();
        try (InputStream raw = Files.newInputStream(Recording.CHAT)) {
            assertThat(GEMINI.transcriptFormat().writeCompact(raw, compact, "1.2.3")).isEqualTo(6);
        }
        assertThat(compact.toString(StandardCharsets.UTF_8)).contains("\"text\":\"Create hello.txt containing Hello\"",
                "\"name\":\"write_file\"", "\"name\":\"replace\"").doesNotContain("session_context");
    }

    @Test
    void resumeCommandAndNames() {
        assertThat(Agents.slugs()).contains("claude-code", "gemini");
        assertThat(GEMINI.slug()).isEqualTo("gemini");
        assertThat(GEMINI.displayName()).isEqualTo("Gemini CLI");
        assertThat(GEMINI.resumeCommand(SessionId.of(Recording.SESSION_ID)))
                .isEqualTo("gemini --resume " + Recording.SESSION_ID);
        assertThat(GEMINI.sessionStartReply("Entire is recording")).contains(
                "{\"systemMessage\":\"Entire is recording\"}");
    }
}
