package io.entire.core.session;

import java.util.Optional;

/** Where a session is in its life: a turn running, between turns, or over. */
public enum SessionPhase {
    /** The agent is working on a prompt (between user-prompt-submit and stop). */
    ACTIVE("active"),
    /** Between turns: the agent waits for the next prompt. */
    IDLE("idle"),
    /** The agent said the session is over (session-end). */
    ENDED("ended");

    private final String value;

    SessionPhase(String value) {
        this.value = value;
    }

    /** The spelling in the state file. */
    public String value() {
        return value;
    }

    public static Optional<SessionPhase> parse(String value) {
        for (SessionPhase phase : values()) {
            if (phase.value.equals(value)) {
                return Optional.of(phase);
            }
        }
        return Optional.empty();
    }
}
