package io.entire.core.agent.opencode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.entire.core.EntireException;
import io.entire.core.agent.Agent;
import io.entire.core.agent.Agents;
import io.entire.core.agent.InvalidHookPayloadException;
import io.entire.core.agent.LifecycleEvent;
import io.entire.core.agent.Subagent;
import io.entire.core.agent.TranscriptAnalysis;
import io.entire.core.agent.TranscriptPass;
import io.entire.core.agent.TranscriptPosition;
import io.entire.core.id.SessionId;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.model.TokenUsage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenCodeTest {
    private static final Agent OPEN_CODE = Agents.bySlug("opencode");
    private static final Path SESSION_FILE = Path.of("/tmp/oc-rec/repo/.entire/tmp/" + Recording.SESSION_ID
            + ".json");
    private static final TokenUsage SECOND_TURN_TOKENS = new TokenUsage(400 + 420 + 440, 0, 1600 + 1700 + 1800,
            20 + 30 + 6, 3);

    @TempDir
    Path temp;

    @Test
    void theRecordedPluginCallsMapToTheLifecycle() {
        LifecycleEvent start = OPEN_CODE.parseHook("session-start", Recording.hook(1, "session-start"));
        LifecycleEvent firstTurn = OPEN_CODE.parseHook("turn-start", Recording.hook(2, "turn-start"));
        LifecycleEvent firstEnd = OPEN_CODE.parseHook("turn-end", Recording.hook(3, "turn-end"));
        LifecycleEvent resumedTurn = OPEN_CODE.parseHook("turn-start", Recording.hook(4, "turn-start"));
        LifecycleEvent compaction = OPEN_CODE.parseHook("compaction", Recording.hook(1, "session-start"));
        LifecycleEvent unknown = OPEN_CODE.parseHook("message-updated", Recording.hook(1, "session-start"));

        assertThat(List.of(start, firstTurn, firstEnd, resumedTurn, compaction, unknown))
                .extracting(LifecycleEvent::type).containsExactly(LifecycleEvent.Type.SESSION_START,
                        LifecycleEvent.Type.TURN_START, LifecycleEvent.Type.TURN_END, LifecycleEvent.Type.TURN_START,
                        LifecycleEvent.Type.COMPACTION, LifecycleEvent.Type.IGNORED);
        assertThat(firstTurn.sessionId()).isEqualTo(SessionId.of(Recording.SESSION_ID));
        assertThat(firstTurn.hookName()).isEqualTo("turn-start");
        assertThat(firstTurn.prompt()).contains("Create greeting.txt containing Hello");
        assertThat(firstTurn.transcript()).contains(SESSION_FILE);
        assertThat(firstTurn.cwd()).contains(Recording.WORK_TREE);
        assertThat(firstEnd.transcript()).contains(SESSION_FILE);
        assertThat(firstEnd.prompt()).as("the prompt starts a turn only").isEmpty();
        assertThat(resumedTurn.transcript()).contains(SESSION_FILE);
        assertThat(resumedTurn.prompt()).contains("Fix the typo in README.md");
    }

    @Test
    void aPayloadWithoutASessionIsInvalid() {
        assertThatThrownBy(() -> OPEN_CODE.parseHook("turn-end", "{\"cwd\": \"/tmp\"}".getBytes(
                StandardCharsets.UTF_8))).isInstanceOf(InvalidHookPayloadException.class);
        assertThatThrownBy(() -> OPEN_CODE.parseHook("turn-end", "not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidHookPayloadException.class);
    }

    @Test
    void itIsABuiltInAgentResumedWithItsSessionFlag() {
        assertThat(Agents.slugs()).contains("opencode");
        assertThat(OPEN_CODE.displayName()).isEqualTo("OpenCode");
        assertThat(Agents.findByDisplayName("OpenCode")).contains(OPEN_CODE);
        assertThat(OPEN_CODE.resumeCommand(SessionId.of(Recording.SESSION_ID)))
                .isEqualTo("opencode --session " + Recording.SESSION_ID);
        assertThat(OPEN_CODE.sessionStartReply("recording")).isEmpty();
    }

    @Test
    void aSessionIsCutByMessages() {
        assertThat(OPEN_CODE.transcriptFormat().end(Recording.SESSION_AT_TURN_ONE_START))
                .isEqualTo(new TranscriptPosition(TranscriptPosition.Unit.MESSAGE, 0));
        assertThat(OPEN_CODE.transcriptFormat().end(Recording.SESSION_AFTER_TURN_ONE))
                .isEqualTo(new TranscriptPosition(TranscriptPosition.Unit.MESSAGE, 3));
        assertThat(OPEN_CODE.transcriptFormat().end(Recording.SESSION))
                .isEqualTo(new TranscriptPosition(TranscriptPosition.Unit.MESSAGE, 7));
        assertThat(OPEN_CODE.transcriptFormat().end(temp.resolve("missing.json")))
                .isEqualTo(new TranscriptPosition(TranscriptPosition.Unit.MESSAGE, 0));
        assertThatThrownBy(() -> OPEN_CODE.transcriptFormat().analyze(Recording.SESSION,
                new TranscriptPosition(TranscriptPosition.Unit.LINE, 1), Recording.WORK_TREE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theWholeSessionHoldsBothTurns() {
        TranscriptAnalysis analysis = OPEN_CODE.transcriptFormat().analyze(Recording.SESSION,
                OPEN_CODE.transcriptFormat().position(0), Recording.WORK_TREE);

        assertThat(analysis.prompts()).containsExactly("Create greeting.txt containing Hello",
                "Fix the typo in README.md");
        assertThat(analysis.filesTouched()).containsExactly("README.md", "greeting.txt");
        assertThat(analysis.tokenUsage()).isEqualTo(new TokenUsage(300 + 320, 0, 1200 + 1400, 40 + 8, 2)
                .plus(SECOND_TURN_TOKENS));
        assertThat(analysis.model()).isEqualTo("scripted-model");
        assertThat(analysis.turnCount()).isEqualTo(2);
        assertThat(analysis.end()).isEqualTo(OPEN_CODE.transcriptFormat().position(7));
        assertThat(analysis.lineCount()).isEqualTo(1);
        assertThat(OPEN_CODE.transcriptFormat().filesWritten(Recording.SESSION,
                OPEN_CODE.transcriptFormat().position(3), Recording.WORK_TREE)).containsExactly("README.md");
    }

    @Test
    void thePassOverTheStoredSessionGivesTheSecondTurnAndItsCompactTranscript() throws IOException {
        TranscriptPosition afterFirstTurn = OPEN_CODE.transcriptFormat().end(Recording.SESSION_AFTER_TURN_ONE);
        ByteArrayOutputStream compact = new ByteArrayOutputStream();
        TranscriptPass pass = OPEN_CODE.transcriptFormat().startPass(afterFirstTurn, Recording.WORK_TREE, compact,
                "1.2.3");

        assertThat(pass.wants(1)).isTrue();
        pass.accept(new JsonReader().parse(Files.readAllBytes(Recording.SESSION)), 1);
        TranscriptAnalysis analysis = pass.finish(1);

        assertThat(analysis.prompts()).containsExactly("Fix the typo in README.md");
        assertThat(analysis.filesTouched()).containsExactly("README.md");
        assertThat(analysis.tokenUsage()).isEqualTo(SECOND_TURN_TOKENS);
        assertThat(analysis.end()).isEqualTo(OPEN_CODE.transcriptFormat().position(7));
        assertThat(analysis.sessionIdInTranscript()).contains(Recording.SESSION_ID);
        assertThat(analysis.firstTimestamp()).contains("2026-12-05T01:16:24.590Z");
        assertThat(analysis.skippedLines()).isZero();
        assertThat(pass.subagents(Recording.SESSION)).isEmpty();
        List<JsonObject> lines = compact.toString(StandardCharsets.UTF_8).lines()
                .map(line -> new JsonReader().parseObject(line.getBytes(StandardCharsets.UTF_8))).toList();
        assertThat(lines).extracting(line -> line.member("type").stringValue()).containsExactly("user", "assistant",
                "assistant", "assistant");
        assertThat(lines.get(0).member("content").elements().get(0).member("text").stringValue())
                .isEqualTo("Fix the typo in README.md");
        JsonObject edit = (JsonObject) lines.get(2).member("content").elements().get(0);
        assertThat(edit.member("name").stringValue()).isEqualTo("edit");
        assertThat(edit.member("input").member("newString").stringValue()).isEqualTo("Hello");
        assertThat(edit.member("result").member("status").stringValue()).isEqualTo("success");
        assertThat(lines.get(2).member("input_tokens").truncatedLong()).isEqualTo(420);
        assertThat(lines.get(3).member("content").elements().get(0).member("text").stringValue())
                .isEqualTo("Fixed it.");
        assertThat(lines).allSatisfy(line -> assertThat(line.member("agent").stringValue()).isEqualTo("opencode"));
    }

    @Test
    void theCompactTranscriptOfAStoredSessionHasALinePerPromptAndReply() throws IOException {
        ByteArrayOutputStream compact = new ByteArrayOutputStream();
        try (InputStream raw = Files.newInputStream(Recording.SESSION)) {
            assertThat(OPEN_CODE.transcriptFormat().writeCompact(raw, compact, "1.2.3")).isEqualTo(7);
        }
        assertThatThrownBy(() -> OPEN_CODE.transcriptFormat().writeCompact(InputStream.nullInputStream(),
                new ByteArrayOutputStream(), "1.2.3")).isInstanceOf(EntireException.class);
    }

    @Test
    void aSessionFileThatIsNotAnExportIsAnErrorNamingIt() throws IOException {
        Path broken = Files.writeString(temp.resolve(Recording.SESSION_ID + ".json"), "{\"info\": ");

        assertThatThrownBy(() -> OPEN_CODE.transcriptFormat().analyze(broken, OPEN_CODE.transcriptFormat()
                .position(0), temp)).isInstanceOf(EntireException.class).hasMessageContaining(broken.toString());
        TranscriptPass pass = OPEN_CODE.transcriptFormat().startPass(OPEN_CODE.transcriptFormat().position(0), temp,
                new ByteArrayOutputStream(), "1.2.3");
        pass.skip(1);
        TranscriptAnalysis nothing = pass.finish(1);
        assertThat(nothing.skippedLines()).isEqualTo(1);
        assertThat(nothing.prompts()).isEmpty();
    }

    @Test
    void thePartsTaskCallsAreSubagentsWithTheChildSessionsWrittenBesideTheParents() throws IOException {
        Path parent = temp.resolve("ses_parent.json");
        Files.writeString(temp.resolve("ses_child1.json"), "{\"info\":{\"id\":\"ses_child1\"},\"messages\":[]}\n");
        String document = "{\"info\":{\"id\":\"ses_parent\"},\"messages\":["
                + "{\"info\":{\"id\":\"m1\",\"role\":\"user\"},\"parts\":[{\"type\":\"text\",\"text\":\"Go\"}]},"
                + "{\"info\":{\"id\":\"m2\",\"role\":\"assistant\"},\"parts\":["
                + task("call_1", "ses_child1") + "," + task("call_2", "ses_child2") + "," + task("call_3", "../x")
                + ",{\"type\":\"tool\",\"tool\":\"write\",\"callID\":\"call_4\",\"state\":{\"metadata\":{}}}]}]}";
        TranscriptPass pass = OPEN_CODE.transcriptFormat().startPass(OPEN_CODE.transcriptFormat().position(0), temp,
                new ByteArrayOutputStream(), "1.2.3");
        pass.accept(new JsonReader().parse(document.getBytes(StandardCharsets.UTF_8)), 1);
        pass.finish(1);

        assertThat(pass.subagents(parent)).extracting(Subagent::toolUseId, Subagent::agentId, Subagent::transcript)
                .containsExactly(tuple("call_1", "ses_child1", Optional.of(temp.resolve("ses_child1.json"))),
                        tuple("call_2", "ses_child2", Optional.empty()));
    }

    private static String task(String callId, String childSession) {
        return "{\"type\":\"tool\",\"tool\":\"task\",\"callID\":\"" + callId + "\",\"state\":{\"status\":"
                + "\"completed\",\"metadata\":{\"sessionId\":\"" + childSession + "\"}}}";
    }
}
