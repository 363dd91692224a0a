package io.entire.core.agent.gemini;

import io.entire.core.agent.LifecycleEvent;
import java.util.Optional;

/**
 * The Gemini CLI hook events, by their key under {@code hooks} in {@code .gemini/settings.json}, the hook verb of
 * {@code entire hooks gemini <verb>} (the verbs the Go tool installed) and the lifecycle event each means. Entire
 * installs the four that delimit sessions and turns; the others are known so that entries an older Go install left are
 * recognised and their calls logged. PreCompress is a compaction but is not installed: Gemini CLI 0.61 runs it before
 * every model request, compressing or not, and a compression only appends to the chat file, whose reading keeps what
 * it summarized ({@link GeminiChat}), so there is nothing to save before one.
 */
enum GeminiHookEvent {
    SESSION_START("SessionStart", "session-start", LifecycleEvent.Type.SESSION_START),
    SESSION_END("SessionEnd", "session-end", LifecycleEvent.Type.SESSION_END),
    BEFORE_AGENT("BeforeAgent", "before-agent", LifecycleEvent.Type.TURN_START),
    AFTER_AGENT("AfterAgent", "after-agent", LifecycleEvent.Type.TURN_END),
    BEFORE_MODEL("BeforeModel", "before-model", LifecycleEvent.Type.IGNORED),
    AFTER_MODEL("AfterModel", "after-model", LifecycleEvent.Type.IGNORED),
    BEFORE_TOOL_SELECTION("BeforeToolSelection", "before-tool-selection", LifecycleEvent.Type.IGNORED),
    BEFORE_TOOL("BeforeTool", "before-tool", LifecycleEvent.Type.IGNORED),
    AFTER_TOOL("AfterTool", "after-tool", LifecycleEvent.Type.IGNORED),
    PRE_COMPRESS("PreCompress", "pre-compress", LifecycleEvent.Type.COMPACTION),
    NOTIFICATION("Notification", "notification", LifecycleEvent.Type.IGNORED);

    private final String settingsName;
    private final String verb;
    private final LifecycleEvent.Type type;

    GeminiHookEvent(String settingsName, String verb, LifecycleEvent.Type type) {
        this.settingsName = settingsName;
        this.verb = verb;
        this.type = type;
    }

    /** The key under {@code hooks} in Gemini CLI's settings, and the payload's {@code hook_event_name}. */
    public String settingsName() {
        return settingsName;
    }

    /** The last word of {@code entire hooks gemini <verb>}. */
    public String verb() {
        return verb;
    }

    /** The lifecycle event this hook means; the events Entire does not install are only logged. */
    public LifecycleEvent.Type type() {
        return type;
    }

    /** Whether {@code entire enable} installs a hook for this event. */
    public boolean installed() {
        return type != LifecycleEvent.Type.IGNORED && type != LifecycleEvent.Type.COMPACTION;
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
