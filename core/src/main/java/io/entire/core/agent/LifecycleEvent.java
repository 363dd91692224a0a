package io.entire.core.agent;

import static java.util.Objects.requireNonNull;

import io.entire.core.id.SessionId;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A hook call in the terms capture understands, whichever agent made it: what happened, to which session, the
 * transcript and working directory the payload named (absolute paths only) and, when a turn starts, the prompt the
 * user typed.
 *
 * @param type what happened
 * @param hookName the agent's own name for the hook ({@code UserPromptSubmit}, {@code BeforeAgent}), for the log
 * @param sessionId the agent's session
 * @param transcript the transcript the payload names, not yet accepted (see {@link TranscriptLocator#accept})
 * @param cwd the directory the agent works in, when the payload says
 * @param prompt the prompt of a {@link Type#TURN_START}, unless the agent wrote it itself
 */
public record LifecycleEvent(Type type, String hookName, SessionId sessionId, Optional<Path> transcript,
        Optional<Path> cwd, Optional<String> prompt) {
    /** The normalized lifecycle; an agent maps each of its hooks to one of these. */
    public enum Type {
        SESSION_START,
        /** The user submitted a prompt: the turn's work starts here. */
        TURN_START,
        /** The agent finished answering: the turn's work becomes a step. */
        TURN_END,
        /** The agent compacted its context; the transcript goes on. */
        COMPACTION,
        SESSION_END,
        SUBAGENT_START,
        SUBAGENT_END,
        /** A hook the agent calls that Entire does not act on; it is logged and nothing is recorded. */
        IGNORED
    }

    public LifecycleEvent {
        requireNonNull(type, "type is null");
        requireNonNull(hookName, "hookName is null");
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(transcript, "transcript is null");
        requireNonNull(cwd, "cwd is null");
        requireNonNull(prompt, "prompt is null");
    }

    /** The same event naming {@code accepted} as its transcript (or none, when it was refused). */
    public LifecycleEvent withTranscript(Optional<Path> accepted) {
        return new LifecycleEvent(type, hookName, sessionId, accepted, cwd, prompt);
    }
}
