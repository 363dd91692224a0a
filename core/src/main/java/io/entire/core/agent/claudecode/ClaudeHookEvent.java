package io.entire.core.agent.claudecode;

import io.entire.core.agent.LifecycleEvent;
import java.util.Optional;

/**
 * The Claude Code hook events Entire listens to: the name in {@code .claude/settings.json}, the hook verb and the
 * lifecycle event it means.
 */
public enum ClaudeHookEvent {
    SESSION_START("SessionStart", "session-start", LifecycleEvent.Type.SESSION_START),
    USER_PROMPT_SUBMIT("UserPromptSubmit", "user-prompt-submit", LifecycleEvent.Type.TURN_START),
    STOP("Stop", "stop", LifecycleEvent.Type.TURN_END),
    SESSION_END("SessionEnd", "session-end", LifecycleEvent.Type.SESSION_END);

    private final String settingsName;
    private final String verb;
    private final LifecycleEvent.Type type;

    ClaudeHookEvent(String settingsName, String verb, LifecycleEvent.Type type) {
        this.settingsName = settingsName;
        this.verb = verb;
        this.type = type;
    }

    /** The key under {@code hooks} in Claude Code's settings. */
    public String settingsName() {
        return settingsName;
    }

    /** The last word of {@code entire hooks claude-code <verb>}. */
    public String verb() {
        return verb;
    }

    public LifecycleEvent.Type type() {
        return type;
    }

    public static Optional<ClaudeHookEvent> fromVerb(String verb) {
        for (ClaudeHookEvent event : values()) {
            if (event.verb.equals(verb)) {
                return Optional.of(event);
            }
        }
        return Optional.empty();
    }
}
