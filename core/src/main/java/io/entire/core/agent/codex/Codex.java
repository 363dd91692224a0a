package io.entire.core.agent.codex;

import static java.util.Objects.requireNonNull;

import io.entire.core.Environment;
import io.entire.core.agent.Agent;
import io.entire.core.agent.AgentSettingsHooks;
import io.entire.core.agent.HookPayload;
import io.entire.core.agent.LifecycleEvent;
import io.entire.core.agent.TranscriptFormat;
import io.entire.core.agent.TranscriptLocator;
import io.entire.core.id.SessionId;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Codex CLI: hooks in {@code .codex/hooks.json}, trusted in the user's {@code $CODEX_HOME/config.toml}; rollouts
 * under {@code $CODEX_HOME/sessions/YYYY/MM/DD/}, cut by lines.
 */
public final class Codex implements Agent {
    public static final String SLUG = "codex";

    @Override
    public String slug() {
        return SLUG;
    }

    @Override
    public String displayName() {
        return "Codex";
    }

    @Override
    public LifecycleEvent parseHook(String verb, byte[] payload) {
        requireNonNull(verb, "verb is null");
        CodexHookPayload parsed = CodexHookPayload.parse(payload);
        Optional<CodexHookEvent> event = CodexHookEvent.fromVerb(verb);
        LifecycleEvent.Type type = event.isPresent() ? event.get().type() : LifecycleEvent.Type.IGNORED;
        return new LifecycleEvent(type, parsed.hookEventName(), parsed.sessionId(), parsed.transcriptPath(),
                parsed.cwd(), type == LifecycleEvent.Type.TURN_START ? parsed.prompt() : Optional.empty());
    }

    /** Codex shows a hook's {@code systemMessage} to the user. */
    @Override
    public Optional<String> sessionStartReply(String message) {
        return Optional.of(HookPayload.systemMessageReply(message));
    }

    @Override
    public TranscriptLocator transcriptLocator() {
        return new CodexRolloutLocator();
    }

    @Override
    public TranscriptFormat transcriptFormat() {
        return new CodexTranscriptFormat();
    }

    /** The hooks, trusted in the {@code config.toml} of the Codex home {@code environment} names. */
    @Override
    public AgentSettingsHooks settingsHooks(Path workTree, Environment environment) {
        return new CodexSettingsHooks(workTree, environment);
    }

    @Override
    public String resumeCommand(SessionId session) {
        return "codex resume " + session;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Codex;
    }

    @Override
    public int hashCode() {
        return SLUG.hashCode();
    }

    @Override
    public String toString() {
        return SLUG;
    }
}
