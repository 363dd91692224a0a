package io.entire.core.agent.codex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entire.core.agent.InvalidHookPayloadException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CodexHookPayloadTest {
    private static final Path ROLLOUT = Path.of("/tmp/cx/home/.codex/sessions/2026/12/04/"
            + Recording.ROLLOUT.getFileName());
    private static final Optional<String> FIRST_TURN = Optional.of("01a242ef-8f70-7e41-bae7-3710b1147a1d");

    @Test
    void sessionStartNamesTheRolloutTheModelAndHowTheSessionBegan() {
        CodexHookPayload start = CodexHookPayload.parse(Recording.hook("01-SessionStart.json"));
        CodexHookPayload resumed = CodexHookPayload.parse(Recording.hook("06-SessionStart.json"));

        assertThat(start.sessionId().value()).isEqualTo(Recording.SESSION_ID);
        assertThat(start.transcriptPath()).contains(ROLLOUT);
        assertThat(start.cwd()).contains(Recording.REPO);
        assertThat(start.hookEventName()).isEqualTo("SessionStart");
        assertThat(start.model()).contains("gpt-5.1-codex");
        assertThat(start.source()).contains("startup");
        assertThat(start.turnId()).isEmpty();
        assertThat(start.prompt()).isEmpty();
        assertThat(resumed.source()).contains("resume");
        assertThat(resumed.sessionId()).isEqualTo(start.sessionId());
    }

    @Test
    void userPromptSubmitCarriesThePromptAndTheTurnWhichStopNamesToo() {
        CodexHookPayload prompt = CodexHookPayload.parse(Recording.hook("02-UserPromptSubmit.json"));
        CodexHookPayload stop = CodexHookPayload.parse(Recording.hook("04-Stop.json"));

        assertThat(prompt.prompt()).contains("Add a greeting file");
        assertThat(prompt.turnId()).isEqualTo(FIRST_TURN);
        assertThat(stop.hookEventName()).isEqualTo("Stop");
        assertThat(stop.turnId()).isEqualTo(FIRST_TURN);
        assertThat(stop.prompt()).isEmpty();
    }

    @Test
    void sessionEndHasNoModel() {
        CodexHookPayload end = CodexHookPayload.parse(Recording.hook("10-SessionEnd.json"));

        assertThat(end.hookEventName()).isEqualTo("SessionEnd");
        assertThat(end.model()).isEmpty();
        assertThat(end.transcriptPath()).contains(ROLLOUT);
    }

    @Test
    void aPayloadWithoutAUsableSessionIsRejected() {
        assertThatThrownBy(() -> CodexHookPayload.parse("{\"cwd\":\"/x\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidHookPayloadException.class).hasMessageContaining("no session_id");
        assertThatThrownBy(() -> CodexHookPayload.parse("{\"session_id\":\"../x\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidHookPayloadException.class);
        assertThatThrownBy(() -> CodexHookPayload.parse("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidHookPayloadException.class);
    }
}
