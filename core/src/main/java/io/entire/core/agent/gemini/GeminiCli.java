package io.entire.core.agent.gemini;

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
 * Gemini CLI: hooks in {@code .gemini/settings.json}, chats under {@code <home>/.gemini/tmp/<project>/chats/},
 * cut by messages. Facts and sources: {@code docs/agents/gemini.md}.
 */
public final class GeminiCli implements Agent {
    public static final String SLUG = "gemini";

    @Override
    public String slug() {
        return SLUG;
    }

    @Override
    public String displayName() {
        return "Gemini CLI";
    }

    /**
     * A resumed session's SessionStart may name a chat file the session never writes to; its transcript is left out,
     * and the turns' events name the right one.
     */
    @Override
    public LifecycleEvent parseHook(String verb, byte[] payload) {
        requireNonNull(verb, "verb is null");
        GeminiHookPayload parsed = GeminiHookPayload.parse(payload);
        Optional<GeminiHookEvent> event = GeminiHookEvent.fromVerb(verb);
        LifecycleEvent.Type type = event.isPresent() ? event.get().type() : LifecycleEvent.Type.IGNORED;
        Optional<Path> transcript = parsed.resumed() ? Optional.empty() : parsed.transcriptPath();
        Optional<String> prompt = type == LifecycleEvent.Type.TURN_START ? parsed.prompt() : Optional.empty();
        return new LifecycleEvent(type, parsed.hookEventName(), parsed.sessionId(), transcript, parsed.cwd(), prompt);
    }

    /** Gemini CLI shows a hook's {@code systemMessage} to the user. */
    @Override
    public Optional<String> sessionStartReply(String message) {
        return Optional.of(HookPayload.systemMessageReply(message));
    }

    @Override
    public TranscriptLocator transcriptLocator() {
        return new GeminiTranscriptLocator();
    }

    @Override
    public TranscriptFormat transcriptFormat() {
        return new GeminiTranscriptFormat();
    }

    @Override
    public AgentSettingsHooks settingsHooks(Path workTree, Environment environment) {
        return new GeminiSettingsHooks(workTree);
    }

    @Override
    public String resumeCommand(SessionId session) {
        return "gemini --resume " + session;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GeminiCli;
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
