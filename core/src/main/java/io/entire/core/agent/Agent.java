package io.entire.core.agent;

import io.entire.core.id.SessionId;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A coding agent Entire records. An implementation lives in a package of its own under {@code agent}, is immutable
 * and cheap to create, and loads its parts only when asked for them: a hook loads the classes of the one agent it
 * serves, and of that agent only what the hook uses. {@link Agents} hands them out by slug.
 */
public interface Agent {
    /** What users type and hooks are named by ({@code claude-code}); stored in session state. */
    String slug();

    /** The name stored in checkpoint metadata and commit trailers ({@code Claude Code}). */
    String displayName();

    /**
     * The event a hook call of this agent means: {@code verb} is the last word of {@code entire hooks <slug> <verb>},
     * {@code payload} the hook's stdin. A verb this agent does not act on is {@link LifecycleEvent.Type#IGNORED}.
     *
     * @throws InvalidHookPayloadException when the payload is not the JSON the agent sends or names no session
     */
    LifecycleEvent parseHook(String verb, byte[] payload);

    /**
     * What a session-start hook prints on stdout so that the agent shows the user {@code message}, in the agent's hook
     * protocol; empty when the agent shows nothing.
     */
    Optional<String> sessionStartReply(String message);

    TranscriptLocator transcriptLocator();

    TranscriptFormat transcriptFormat();

    /** Entire's hooks in the agent's settings of {@code workTree}. */
    AgentSettingsHooks settingsHooks(Path workTree);

    /** The command that resumes {@code session} in the agent ({@code claude -r <id>}). */
    String resumeCommand(SessionId session);
}
