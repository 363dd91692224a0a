package io.entire.core.agent.claudecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entire.core.EntireException;
import io.entire.core.agent.Agent;
import io.entire.core.agent.Agents;
import io.entire.core.agent.InvalidHookPayloadException;
import io.entire.core.agent.LifecycleEvent;
import io.entire.core.id.SessionId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Claude Code through the agent SPI: its hooks as lifecycle events, its reply, its resume command. */
class ClaudeCodeTest {
    private static final String PAYLOAD = "{\"session_id\":\"abc-1\",\"transcript_path\":\"/t/abc-1.jsonl\","
            + "\"cwd\":\"/repo\",\"hook_event_name\":\"UserPromptSubmit\",\"prompt\":\"hi\"}";

    private final Agent claude = Agents.bySlug("claude-code");

    @Test
    void eachHookVerbIsItsLifecycleEvent() {
        assertThat(claude.parseHook("user-prompt-submit", bytes(PAYLOAD))).isEqualTo(new LifecycleEvent(
                LifecycleEvent.Type.TURN_START, "UserPromptSubmit", SessionId.of("abc-1"),
                Optional.of(Path.of("/t/abc-1.jsonl")), Optional.of(Path.of("/repo")), Optional.of("hi")));
        assertThat(claude.parseHook("session-start", bytes(PAYLOAD)).type())
                .isEqualTo(LifecycleEvent.Type.SESSION_START);
        assertThat(claude.parseHook("stop", bytes(PAYLOAD)).type()).isEqualTo(LifecycleEvent.Type.TURN_END);
        assertThat(claude.parseHook("session-end", bytes(PAYLOAD)).type()).isEqualTo(LifecycleEvent.Type.SESSION_END);
        assertThat(claude.parseHook("pre-compact", bytes(PAYLOAD)).type()).isEqualTo(LifecycleEvent.Type.IGNORED);
    }

    @Test
    void aPayloadNeedsAValidSessionIdAndRelativePathsCountAsNone() {
        LifecycleEvent relative = claude.parseHook("stop", bytes("{\"session_id\":\"abc-1\","
                + "\"transcript_path\":\"t/abc-1.jsonl\",\"cwd\":\" \"}"));
        assertThat(relative.transcript()).isEmpty();
        assertThat(relative.cwd()).isEmpty();
        assertThat(relative.hookName()).isEmpty();
        for (String bad : new String[] {"", "{", "[]", "{}", "{\"session_id\":\"a/../b\"}", "{\"session_id\":1}",
                "{\"session_id\":\"abc-1\",\"cwd\":\"/a\\u0000b\"}"}) {
            assertThatThrownBy(() -> claude.parseHook("stop", bytes(bad))).as(bad)
                    .isInstanceOf(InvalidHookPayloadException.class);
        }
    }

    @Test
    void theSessionStartReplyIsASystemMessageAndResumeIsClaudeR() {
        assertThat(claude.sessionStartReply("Entire is recording"))
                .contains("{\"systemMessage\":\"Entire is recording\"}");
        assertThat(claude.resumeCommand(SessionId.of("abc-1"))).isEqualTo("claude -r abc-1");
    }

    @Test
    void theRegistryKnowsClaudeCodeByItsSlugOnly() {
        assertThat(claude.slug()).isEqualTo("claude-code");
        assertThat(claude.displayName()).isEqualTo("Claude Code");
        assertThat(claude).isEqualTo(Agents.bySlug("claude-code"));
        assertThat(Agents.slugs()).startsWith("claude-code");
        assertThat(Agents.find("cursor")).isEmpty();
        assertThatThrownBy(() -> Agents.bySlug("Claude Code")).isInstanceOf(EntireException.class)
                .hasMessageStartingWith("unknown agent 'Claude Code'; supported: claude-code");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
