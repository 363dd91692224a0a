package io.entire.core.agent.codex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entire.core.agent.Agents;
import io.entire.core.agent.InvalidHookPayloadException;
import io.entire.core.agent.LifecycleEvent;
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
import java.util.List;
import org.junit.jupiter.api.Test;

class CodexTest {
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

    private LifecycleEvent event(String verb, String recorded) {
        return codex.parseHook(verb, Recording.hook(recorded));
    }
}
