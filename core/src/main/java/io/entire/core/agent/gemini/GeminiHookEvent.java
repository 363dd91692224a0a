package io.entire.core.agent.gemini;

import java.util.Optional;

/**
 * The Gemini CLI hook events, by their key under {@code hooks} in {@code .gemini/settings.json} and the hook verb of
 * {@code entire hooks gemini <verb>} (the verbs the Go tool installed). Entire installs the four that delimit sessions
 * and turns; the others are known so that entries an older Go install left are recognised and their calls logged.
 */
public enum GeminiHookEvent {
    SESSION_START("SessionStart", "session-start", true),
    SESSION_END("SessionEnd", "session-end", true),
    BEFORE_AGENT("BeforeAgent", "before-agent", true),
    AFTER_AGENT("AfterAgent", "after-agent", true),
    BEFORE_MODEL("BeforeModel", "before-model", false),
    AFTER_MODEL("AfterModel", "after-model", false),
    BEFORE_TOOL_SELECTION("BeforeToolSelection", "before-tool-selection", false),
    BEFORE_TOOL("BeforeTool", "before-tool", false),
    AFTER_TOOL("AfterTool", "after-tool", false),
    PRE_COMPRESS("PreCompress", "pre-compress", false),
    NOTIFICATION("Notification", "notification", false);

    private final String settingsName;
    private final String verb;
    private final boolean installed;

    GeminiHookEvent(String settingsName, String verb, boolean installed) {
        this.settingsName = settingsName;
        this.verb = verb;
        this.installed = installed;
    }

    /** The key under {@code hooks} in Gemini CLI's settings, and the payload's {@code hook_event_name}. */
    public String settingsName() {
        return settingsName;
    }

    /** The last word of {@code entire hooks gemini <verb>}. */
    public String verb() {
        return verb;
    }

    /** Whether {@code entire enable} installs a hook for this event. */
    public boolean installed() {
        return installed;
    }

    public static Optional<GeminiHookEvent> fromVerb(String verb) {
        for (GeminiHookEvent event : values()) {
            if (event.verb.equals(verb)) {
                return Optional.of(event);
            }
        }
        return Optional.empty();
    }
}
