package io.entire.core.agent.opencode;

import io.entire.core.agent.LifecycleEvent;
import java.util.Optional;

/**
 * The verbs of {@code entire hooks opencode <verb>} that Entire's OpenCode plugin calls (the Go tool's verbs), and the
 * lifecycle event each means.
 */
enum OpenCodeHookEvent {
    SESSION_START("session-start", LifecycleEvent.Type.SESSION_START),
    TURN_START("turn-start", LifecycleEvent.Type.TURN_START),
    TURN_END("turn-end", LifecycleEvent.Type.TURN_END),
    COMPACTION("compaction", LifecycleEvent.Type.COMPACTION),
    SESSION_END("session-end", LifecycleEvent.Type.SESSION_END);

    private final String verb;
    private final LifecycleEvent.Type type;

    OpenCodeHookEvent(String verb, LifecycleEvent.Type type) {
        this.verb = verb;
        this.type = type;
    }

    /** The last word of {@code entire hooks opencode <verb>}, also the payload's {@code hook_event_name}. */
    String verb() {
        return verb;
    }

    LifecycleEvent.Type type() {
        return type;
    }

    static Optional<OpenCodeHookEvent> fromVerb(String verb) {
        for (OpenCodeHookEvent event : values()) {
            if (event.verb.equals(verb)) {
                return Optional.of(event);
            }
        }
        return Optional.empty();
    }
}
