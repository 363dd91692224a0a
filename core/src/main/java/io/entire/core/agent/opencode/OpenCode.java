package io.entire.core.agent.opencode;

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
 * OpenCode: no hook settings, so {@code enable} installs a plugin ({@code .opencode/plugins/entire.ts}) that calls
 * {@code entire hooks opencode <verb>} and writes the session, as {@code opencode export} shapes it, to
 * {@code .entire/tmp/<session id>.json}; cut by messages. Facts and sources: {@code docs/agents/opencode.md}.
 */
public final class OpenCode implements Agent {
    public static final String SLUG = "opencode";

    @Override
    public String slug() {
        return SLUG;
    }

    @Override
    public String displayName() {
        return "OpenCode";
    }

    @Override
    public LifecycleEvent parseHook(String verb, byte[] payload) {
        requireNonNull(verb, "verb is null");
        HookPayload parsed = HookPayload.parse(payload);
        Optional<OpenCodeHookEvent> event = OpenCodeHookEvent.fromVerb(verb);
        LifecycleEvent.Type type = event.isPresent() ? event.get().type() : LifecycleEvent.Type.IGNORED;
        Optional<String> prompt = type == LifecycleEvent.Type.TURN_START ? parsed.string("prompt") : Optional.empty();
        return new LifecycleEvent(type, verb, parsed.sessionId(), parsed.transcriptPath(), parsed.cwd(), prompt);
    }

    /** The plugin shows nothing a hook prints. */
    @Override
    public Optional<String> sessionStartReply(String message) {
        return Optional.empty();
    }

    @Override
    public TranscriptLocator transcriptLocator() {
        return new OpenCodeTranscriptLocator();
    }

    @Override
    public TranscriptFormat transcriptFormat() {
        return new OpenCodeTranscriptFormat();
    }

    @Override
    public AgentSettingsHooks settingsHooks(Path workTree, Environment environment) {
        return new OpenCodePluginHooks(workTree);
    }

    @Override
    public String resumeCommand(SessionId session) {
        return "opencode --session " + session;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OpenCode;
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
