package io.entire.core.agent.copilot;

import static java.util.Objects.requireNonNull;

import io.entire.core.Environment;
import io.entire.core.agent.Agent;
import io.entire.core.agent.AgentSettingsHooks;
import io.entire.core.agent.LifecycleEvent;
import io.entire.core.agent.TranscriptFormat;
import io.entire.core.agent.TranscriptLocator;
import io.entire.core.id.SessionId;
import java.nio.file.Path;
import java.util.Optional;

/**
 * GitHub Copilot CLI: hooks in {@code .github/hooks/entire.json}, sessions under
 * {@code <COPILOT_HOME or ~/.copilot>/session-state/<session>/events.jsonl}, cut by lines. Its slug is the Go tool's
 * ({@code copilot-cli}), so the hooks an older Go install wrote keep working; {@code copilot} names it too. Facts and
 * sources: {@code docs/agents/copilot.md}.
 */
public final class CopilotCli implements Agent {
    public static final String SLUG = "copilot-cli";
    /** The shorter name users may type ({@code entire enable --agent copilot}). */
    public static final String ALIAS = "copilot";
    /**
     * Copilot CLI fires the session and turn hooks of a subagent's turn too, with the subagent's tool-use id as the
     * session: those are no sessions of their own (no stop ever comes for them), so they are only logged.
     */
    private static final String SUBAGENT_SESSION_PREFIX = "toolu_";

    @Override
    public String slug() {
        return SLUG;
    }

    @Override
    public String displayName() {
        return "Copilot CLI";
    }

    /** Only agentStop names the transcript; the other events go on with the one the session's state holds. */
    @Override
    public LifecycleEvent parseHook(String verb, byte[] payload) {
        requireNonNull(verb, "verb is null");
        CopilotHookPayload parsed = CopilotHookPayload.parse(payload);
        Optional<CopilotHookEvent> event = CopilotHookEvent.fromVerb(verb);
        LifecycleEvent.Type type = event.isPresent() && !parsed.sessionId().value()
                .startsWith(SUBAGENT_SESSION_PREFIX) ? event.get().type() : LifecycleEvent.Type.IGNORED;
        String hookName = event.isPresent() ? event.get().settingsName() : verb;
        return new LifecycleEvent(type, hookName, parsed.sessionId(), parsed.transcriptPath(), parsed.cwd(),
                type == LifecycleEvent.Type.TURN_START ? parsed.prompt() : Optional.empty());
    }

    /** Copilot CLI ignores what session-start hooks print. */
    @Override
    public Optional<String> sessionStartReply(String message) {
        return Optional.empty();
    }

    @Override
    public TranscriptLocator transcriptLocator() {
        return new CopilotSessionLocator();
    }

    @Override
    public TranscriptFormat transcriptFormat() {
        return new CopilotTranscriptFormat();
    }

    @Override
    public AgentSettingsHooks settingsHooks(Path workTree, Environment environment) {
        return new CopilotSettingsHooks(workTree);
    }

    @Override
    public String resumeCommand(SessionId session) {
        return "copilot --resume=" + session;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CopilotCli;
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
