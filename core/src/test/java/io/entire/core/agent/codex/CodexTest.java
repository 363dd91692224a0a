package io.entire.core.agent.codex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.entire.core.agent.Agents;
import io.entire.core.agent.InvalidHookPayloadException;
import io.entire.core.agent.LifecycleEvent;
import io.entire.core.agent.Subagent;
import io.entire.core.agent.TranscriptAnalysis;
import io.entire.core.agent.TranscriptFormat;
import io.entire.core.agent.TranscriptPass;
import io.entire.core.agent.TranscriptPosition;
import io.entire.core.id.SessionId;
import io.entire.core.json.JsonReader;
import io.entire.core.model.TokenUsage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodexTest {
    /** A recorded rollout that spawned a subagent, and the subagent's own. */
    private static final String PARENT_ROLLOUT =
            "rollout-2026-12-05T04-41-11-01a24481-8f1a-7220-a5b9-d76aa286d26f.jsonl";
    private static final String CHILD_ROLLOUT =
            "rollout-2026-12-05T04-41-11-01a24481-8fcd-7470-9e50-07a415925375.jsonl";

    private final Codex codex = new Codex();

    @Test
    void theRegistryHandsItOutBySlug() {
        assertThat(Agents.bySlug("codex")).isEqualTo(codex);
        assertThat(Agents.slugs()).contains("codex");
        assertThat(codex.displayName()).isEqualTo("Codex");
        assertThat(codex.resumeCommand(SessionId.of(Recording.SESSION_ID)))
                .isEqualTo("codex resume " + Recording.SESSION_ID);
    }

    @Test
    void eachRecordedHookMeansItsLifecycleEvent() {
        assertThat(event("session-start", "01-SessionStart.json").type()).isEqualTo(LifecycleEvent.Type.SESSION_START);
        LifecycleEvent turn = event("user-prompt-submit", "02-UserPromptSubmit.json");
        assertThat(turn.type()).isEqualTo(LifecycleEvent.Type.TURN_START);
        assertThat(turn.prompt()).contains("Add a greeting file");
        assertThat(turn.sessionId().value()).isEqualTo(Recording.SESSION_ID);
        assertThat(turn.cwd()).contains(Recording.REPO);
        assertThat(turn.hookName()).isEqualTo("UserPromptSubmit");
        assertThat(event("stop", "04-Stop.json").type()).isEqualTo(LifecycleEvent.Type.TURN_END);
        assertThat(event("stop", "04-Stop.json").transcript()).map(path -> path.getFileName())
                .contains(Recording.ROLLOUT.getFileName());
        assertThat(event("session-end", "05-SessionEnd.json").type()).isEqualTo(LifecycleEvent.Type.SESSION_END);
        assertThat(event("pre-tool-use", "03-PreToolUse.json").type()).isEqualTo(LifecycleEvent.Type.IGNORED);
        assertThatThrownBy(() -> codex.parseHook("stop", "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidHookPayloadException.class);
    }

    @Test
    void theSessionStartReplyIsASystemMessage() {
        assertThat(codex.sessionStartReply("Recording")).contains("{\"systemMessage\":\"Recording\"}");
    }

    @Test
    void aTurnsPartStartsAfterTheLinesTheRolloutHadAtTheLastStop() {
        TranscriptFormat format = codex.transcriptFormat();

        assertThat(format.end(Recording.ROLLOUT)).isEqualTo(format.position(Recording.END));
        TranscriptAnalysis resumed = format.analyze(Recording.ROLLOUT, format.position(Recording.FIRST_STOP),
                Recording.REPO);

        assertThat(resumed.prompts()).containsExactly("Fix the typo in README.md");
        assertThat(resumed.filesTouched()).containsExactly("README.md");
        assertThat(resumed.tokenUsage()).isEqualTo(new TokenUsage(300, 0, 2800, 36, 2));
        assertThat(resumed.model()).isEqualTo("gpt-5.1-codex");
        assertThat(resumed.end()).isEqualTo(format.position(Recording.END));
        assertThat(format.filesWritten(Recording.ROLLOUT, format.position(0), Recording.REPO))
                .containsExactly("greeting.txt", "README.md");
        assertThatThrownBy(() -> format.analyze(Recording.ROLLOUT, new TranscriptPosition(
                TranscriptPosition.Unit.MESSAGE, 3), Recording.REPO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPassOverTheStoredRolloutGivesTheSameAnalysisAndTheCompactTranscript() throws IOException {
        ByteArrayOutputStream compact = new ByteArrayOutputStream();
        TranscriptPass pass = codex.transcriptFormat().startPass(codex.transcriptFormat().position(Recording.FIRST_STOP),
                Recording.REPO, compact, "1.2.3");
        List<String> lines = Files.readAllLines(Recording.ROLLOUT, StandardCharsets.UTF_8);
        for (int index = 0; index < lines.size(); index++) {
            if (pass.wants(index + 1)) {
                pass.accept(new JsonReader().parse(lines.get(index).getBytes(StandardCharsets.UTF_8)), index + 1);
            }
        }

        TranscriptAnalysis analysis = pass.finish(lines.size());

        assertThat(analysis).isEqualTo(codex.transcriptFormat().analyze(Recording.ROLLOUT,
                codex.transcriptFormat().position(Recording.FIRST_STOP), Recording.REPO));
        assertThat(compact.toString(StandardCharsets.UTF_8).lines()).hasSize(3)
                .first().asString().contains("\"type\":\"user\"").contains("Fix the typo in README.md");
        assertThat(pass.subagents(Recording.ROLLOUT)).isEmpty();
    }

    @Test
    void aSpawnedSubagentIsTheSpawnCallWithTheChildsOwnRollout() throws IOException {
        Path parent = Recording.SUBAGENT.resolve(PARENT_ROLLOUT);
        Path child = Recording.SUBAGENT.resolve(CHILD_ROLLOUT);
        TranscriptPass pass = passOver(parent, 0);

        assertThat(pass.subagents(parent)).extracting(Subagent::toolUseId, Subagent::agentId, Subagent::transcript)
                .containsExactly(tuple("call_item_1_0", "01a24481-8fcd-7470-9e50-07a415925375", Optional.of(child)));
        assertThat(codex.transcriptFormat().analyze(child, codex.transcriptFormat().position(0), Path.of(
                "/tmp/cxsub/repo")).tokenUsage()).isEqualTo(new TokenUsage(200, 0, 1700, 35, 2, Optional.empty()));
    }

    /**
     * Codex files a rollout under the day its thread started: a child spawned just before midnight may start after it,
     * in the next day's folder.
     */
    @Test
    void aChildsRolloutInTheNextDaysFolderIsFound(@TempDir Path home) throws IOException {
        Path parent = filed(home, "2026/12/05", PARENT_ROLLOUT);
        Path child = filed(home, "2026/12/06", CHILD_ROLLOUT);
        Files.createDirectories(home.resolve("sessions/2026/12/04"));

        assertThat(passOver(parent, 0).subagents(parent)).extracting(Subagent::transcript)
                .containsExactly(Optional.of(child));
    }

    @Test
    void aChildsRolloutIsLookedForNoLaterThanTheDayAfterThePartsLastLine(@TempDir Path home) throws IOException {
        Path parent = filed(home, "2026/12/05", PARENT_ROLLOUT);
        filed(home, "2026/12/09", CHILD_ROLLOUT);

        assertThat(passOver(parent, 0).subagents(parent)).extracting(Subagent::transcript)
                .containsExactly(Optional.empty());
    }

    @Test
    void aSpawnBeforeThePartIsNotItsSubagent() throws IOException {
        Path parent = Recording.SUBAGENT.resolve(PARENT_ROLLOUT);

        assertThat(passOver(parent, 12).subagents(parent)).isEmpty();
    }

    /** A copy of the recorded rollout {@code name} where Codex files it under {@code home}: {@code sessions/<day>/}. */
    private static Path filed(Path home, String day, String name) throws IOException {
        Path rollout = Files.createDirectories(home.resolve("sessions").resolve(day)).resolve(name);
        Files.copy(Recording.SUBAGENT.resolve(name), rollout);
        return rollout;
    }

    private TranscriptPass passOver(Path rollout, long startLine) throws IOException {
        TranscriptPass pass = codex.transcriptFormat().startPass(codex.transcriptFormat().position(startLine),
                Path.of("/tmp/cxsub/repo"), new ByteArrayOutputStream(), "1.2.3");
        List<String> lines = Files.readAllLines(rollout, StandardCharsets.UTF_8);
        for (int index = 0; index < lines.size(); index++) {
            if (pass.wants(index + 1)) {
                pass.accept(new JsonReader().parse(lines.get(index).getBytes(StandardCharsets.UTF_8)), index + 1);
            }
        }
        pass.finish(lines.size());
        return pass;
    }

    private LifecycleEvent event(String verb, String recorded) {
        return codex.parseHook(verb, Recording.hook(recorded));
    }
}
