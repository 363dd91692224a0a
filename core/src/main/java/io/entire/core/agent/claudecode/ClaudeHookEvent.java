package io.entire.core.agent.claudecode;

import java.util.Optional;

/** The Claude Code hook events Entire listens to: the name in {@code .claude/settings.json} and the hook verb. */
public enum ClaudeHookEvent {
    SESSION_START("SessionStart", "session-start"),
    USER_PROMPT_SUBMIT("UserPromptSubmit", "user-prompt-submit"),
    STOP("Stop", "stop"),
    SESSION_END("SessionEnd", "session-end");

    private final String settingsName;
    private final String verb;

    ClaudeHookEvent(String settingsName, String verb) {
        this.settingsName = settingsName;
        this.verb = verb;
    }

    /** The key under {@code hooks} in Claude Code's settings. */
    public String settingsName() {
        return settingsName;
    }

    /** The last word of {@code entire hooks claude-code <verb>}. */
    public String verb() {
        return verb;
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
