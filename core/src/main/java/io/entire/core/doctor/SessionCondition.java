package io.entire.core.doctor;

import io.entire.core.session.SessionState;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** How a recorded session stands, from its state alone: working, waiting, stuck, or done. */
public enum SessionCondition {
    /** A turn is running and the agent was heard from within the last hour. */
    ACTIVE,
    /** Between turns. */
    IDLE,
    /**
     * A turn started more than an hour ago and no hook came since: a stop that never arrived. It links every commit
     * made without a terminal until it is dealt with.
     */
    STUCK_ACTIVE,
    /** The session ended, but steps it recorded were never committed. */
    ENDED_UNCOMMITTED,
    /** Ended with nothing owed; kept only so that a resumed session continues where it stopped. */
    DONE;

    /** How long a running turn may go without a hook before it counts as stuck. */
    public static final Duration STUCK_AFTER = Duration.ofHours(1);

    public static SessionCondition of(SessionState state, Instant now) {
        if (state.isDone()) {
            return DONE;
        }
        return switch (state.phase()) {
            case ENDED -> ENDED_UNCOMMITTED;
            case ACTIVE -> state.updatedAt().plus(STUCK_AFTER).isBefore(now) ? STUCK_ACTIVE : ACTIVE;
            case IDLE -> IDLE;
        };
    }

    /** Whether {@code entire doctor} offers to condense or discard it. */
    public boolean stuck() {
        return this == STUCK_ACTIVE || this == ENDED_UNCOMMITTED;
    }

    /** Whether its work may still go into a commit: everything but {@link #DONE}. */
    public boolean live() {
        return this != DONE;
    }

    /** The spelling in {@code --json} and on the terminal. */
    public String value() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
