package io.entire.core.agent.codex;

import io.entire.core.agent.LifecycleEvent;
import java.util.Optional;

/**
 * The Codex hook events Entire listens to: the key under {@code hooks} in {@code .codex/hooks.json}, the label Codex
 * uses in a hook's trust key, the hook verb, the timeout Entire asks for and the lifecycle event it means.
 */
public enum CodexHookEvent {
    SESSION_START("SessionStart", "session_start", "session-start", 30, LifecycleEvent.Type.SESSION_START),
    USER_PROMPT_SUBMIT("UserPromptSubmit", "user_prompt_submit", "user-prompt-submit", 30,
            LifecycleEvent.Type.TURN_START),
    STOP("Stop", "stop", "stop", 30, LifecycleEvent.Type.TURN_END),
    // Codex clamps a SessionEnd hook to 3 s, and runs none trusted with a longer timeout.
    SESSION_END("SessionEnd", "session_end", "session-end", 3, LifecycleEvent.Type.SESSION_END);

    private final String settingsName;
    private final String trustLabel;
    private final String verb;
    private final int timeoutSeconds;
    private final LifecycleEvent.Type type;

    CodexHookEvent(String settingsName, String trustLabel, String verb, int timeoutSeconds, LifecycleEvent.Type type) {
        this.settingsName = settingsName;
        this.trustLabel = trustLabel;
        this.verb = verb;
        this.timeoutSeconds = timeoutSeconds;
        this.type = type;
    }

    /** The key under {@code hooks} in {@code .codex/hooks.json}. */
    public String settingsName() {
        return settingsName;
    }

    /** The event's name in a trust key and trust hash ({@code <hooks.json>:<label>:<group>:<handler>}). */
    public String trustLabel() {
        return trustLabel;
    }

    /** The last word of {@code entire hooks codex <verb>}. */
    public String verb() {
        return verb;
    }

    public int timeoutSeconds() {
        return timeoutSeconds;
    }

    /** The lifecycle event the hook means. */
    public LifecycleEvent.Type type() {
        return type;
    }

    public static Optional<CodexHookEvent> fromVerb(String verb) {
        for (CodexHookEvent event : values()) {
            if (event.verb.equals(verb)) {
                return Optional.of(event);
            }
        }
        return Optional.empty();
    }
}
