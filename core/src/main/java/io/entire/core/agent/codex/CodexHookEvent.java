package io.entire.core.agent.codex;

import java.util.Optional;

/**
 * The Codex hook events Entire listens to: the key under {@code hooks} in {@code .codex/hooks.json}, the label Codex
 * uses in a hook's trust key, the hook verb, and the timeout Entire asks for.
 */
public enum CodexHookEvent {
    SESSION_START("SessionStart", "session_start", "session-start", 30),
    USER_PROMPT_SUBMIT("UserPromptSubmit", "user_prompt_submit", "user-prompt-submit", 30),
    STOP("Stop", "stop", "stop", 30),
    // Codex clamps a SessionEnd hook to 3 s and warns at every start when asked for more.
    SESSION_END("SessionEnd", "session_end", "session-end", 3);

    private final String settingsName;
    private final String trustLabel;
    private final String verb;
    private final int timeoutSeconds;

    CodexHookEvent(String settingsName, String trustLabel, String verb, int timeoutSeconds) {
        this.settingsName = settingsName;
        this.trustLabel = trustLabel;
        this.verb = verb;
        this.timeoutSeconds = timeoutSeconds;
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

    public static Optional<CodexHookEvent> fromVerb(String verb) {
        for (CodexHookEvent event : values()) {
            if (event.verb.equals(verb)) {
                return Optional.of(event);
            }
        }
        return Optional.empty();
    }
}
