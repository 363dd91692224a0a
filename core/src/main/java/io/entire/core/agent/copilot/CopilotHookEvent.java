package io.entire.core.agent.copilot;

import io.entire.core.agent.LifecycleEvent;
import java.util.Optional;

/**
 * The Copilot CLI hook events, by their key under {@code hooks} in a {@code .github/hooks/*.json} file, the verb of
 * {@code entire hooks copilot-cli <verb>} (the Go tool's verbs) and the lifecycle event each means. Entire installs the
 * four that delimit sessions and turns; the others are known so that entries an older Go install left are recognised
 * and their calls logged.
 */
enum CopilotHookEvent {
    SESSION_START("sessionStart", "session-start", LifecycleEvent.Type.SESSION_START),
    USER_PROMPT_SUBMITTED("userPromptSubmitted", "user-prompt-submitted", LifecycleEvent.Type.TURN_START),
    AGENT_STOP("agentStop", "agent-stop", LifecycleEvent.Type.TURN_END),
    SESSION_END("sessionEnd", "session-end", LifecycleEvent.Type.SESSION_END),
    SUBAGENT_STOP("subagentStop", "subagent-stop", LifecycleEvent.Type.IGNORED),
    PRE_TOOL_USE("preToolUse", "pre-tool-use", LifecycleEvent.Type.IGNORED),
    POST_TOOL_USE("postToolUse", "post-tool-use", LifecycleEvent.Type.IGNORED),
    ERROR_OCCURRED("errorOccurred", "error-occurred", LifecycleEvent.Type.IGNORED);

    private final String settingsName;
    private final String verb;
    private final LifecycleEvent.Type type;

    CopilotHookEvent(String settingsName, String verb, LifecycleEvent.Type type) {
        this.settingsName = settingsName;
        this.verb = verb;
        this.type = type;
    }

    /** The key under {@code hooks} in Copilot CLI's hook files. */
    String settingsName() {
        return settingsName;
    }

    /** The last word of {@code entire hooks copilot-cli <verb>}. */
    String verb() {
        return verb;
    }

    LifecycleEvent.Type type() {
        return type;
    }

    /** Whether {@code entire enable} installs a hook for this event. */
    boolean installed() {
        return type != LifecycleEvent.Type.IGNORED;
    }

    static Optional<CopilotHookEvent> fromVerb(String verb) {
        for (CopilotHookEvent event : values()) {
            if (event.verb.equals(verb)) {
                return Optional.of(event);
            }
        }
        return Optional.empty();
    }
}
