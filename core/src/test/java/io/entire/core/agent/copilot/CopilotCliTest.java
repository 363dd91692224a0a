package io.entire.core.agent.copilot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entire.core.agent.Agents;
import io.entire.core.agent.InvalidHookPayloadException;
import io.entire.core.agent.LifecycleEvent;
import io.entire.core.id.SessionId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CopilotCliTest {
    private final CopilotCli copilot = new CopilotCli();

    @Test
    void theRecordedHooksMapToTheLifecycle() {
        LifecycleEvent start = copilot.parseHook("session-start", Recording.hook("01-sessionStart.json"));
        LifecycleEvent prompt = copilot.parseHook("user-prompt-submitted",
                Recording.hook("02-userPromptSubmitted.json"));
        LifecycleEvent stop = copilot.parseHook("agent-stop", Recording.hook("07-agentStop.json"));
        LifecycleEvent end = copilot.parseHook("session-end", Recording.hook("08-sessionEnd.json"));

        SessionId session = SessionId.of(Recording.SESSION_ID);
        assertThat(start).isEqualTo(new LifecycleEvent(LifecycleEvent.Type.SESSION_START, "sessionStart", session,
                Optional.empty(), Optional.of(Recording.REPO), Optional.empty()));
        assertThat(prompt).isEqualTo(new LifecycleEvent(LifecycleEvent.Type.TURN_START, "userPromptSubmitted",
                session, Optional.empty(), Optional.of(Recording.REPO), Optional.of("Add a greeting file")));
        assertThat(stop).isEqualTo(new LifecycleEvent(LifecycleEvent.Type.TURN_END, "agentStop", session,
                Optional.of(Path.of("/tmp/cpr/home/.copilot/session-state/" + Recording.SESSION_ID
                        + "/events.jsonl")), Optional.of(Recording.REPO), Optional.empty()));
        assertThat(end.type()).isEqualTo(LifecycleEvent.Type.SESSION_END);
        assertThat(copilot.parseHook("post-tool-use", Recording.hook("06-postToolUse.json")).type())
                .isEqualTo(LifecycleEvent.Type.IGNORED);
        assertThat(copilot.parseHook("user-prompt-transformed", Recording.hook("03-userPromptTransformed.json"))
                .type()).isEqualTo(LifecycleEvent.Type.IGNORED);
    }

    @Test
    void aSubagentsTurnIsNoSessionOfItsOwn() {
        byte[] payload = "{\"sessionId\":\"toolu_01K2Z\",\"cwd\":\"/tmp/cpr/repo\",\"prompt\":\"look around\"}"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(copilot.parseHook("user-prompt-submitted", payload).type()).isEqualTo(LifecycleEvent.Type.IGNORED);
    }

    @Test
    void aPayloadWithoutASessionIsInvalid() {
        assertThatThrownBy(() -> copilot.parseHook("agent-stop", "{\"session_id\":\"x\"}".getBytes(
                StandardCharsets.UTF_8))).isInstanceOf(InvalidHookPayloadException.class).hasMessageContaining(
                        "sessionId");
        assertThatThrownBy(() -> copilot.parseHook("agent-stop", "not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidHookPayloadException.class);
        assertThatThrownBy(() -> copilot.parseHook("agent-stop", ("{\"sessionId\":\"7a1b2c3d-0001-4e5f-8a9b-"
                + "000000000009\",\"transcriptPath\":{\"path\":\"/tmp/t.jsonl\"}}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidHookPayloadException.class)
                .hasMessage("hook payload ignored: transcriptPath is an object, not a string");
    }

    @Test
    void isFoundByTheGoToolsSlugAndByItsShortNameAndResumesWithCopilotResume() {
        assertThat(Agents.find("copilot-cli")).contains(copilot);
        assertThat(Agents.find("copilot")).contains(copilot);
        assertThat(Agents.findByDisplayName("Copilot CLI")).contains(copilot);
        assertThat(copilot.resumeCommand(SessionId.of(Recording.SESSION_ID)))
                .isEqualTo("copilot --resume=" + Recording.SESSION_ID);
        assertThat(copilot.sessionStartReply("recording")).isEmpty();
    }
}
