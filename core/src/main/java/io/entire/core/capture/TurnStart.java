package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.session.SessionLock;
import io.entire.core.session.SessionState;

/**
 * A turn whose start is saved, holding its session's lock until the work tree as the turn found it is recorded, so
 * that the caller may answer the agent first: no other hook of the session runs in between. Used by one thread.
 */
public final class TurnStart {
    private final SessionState state;
    private final SessionLock lock;
    private final Runnable recording;
    private boolean recorded;

    /**
     * {@code recording} records the work tree as the turn found it, or waits for the recording under way ({@link
     * SnapshotTiming#BESIDE_THE_START}), or does nothing when the launcher's staging was taken.
     */
    TurnStart(SessionState state, SessionLock lock, Runnable recording) {
        this.state = requireNonNull(state, "state is null");
        this.lock = requireNonNull(lock, "lock is null");
        this.recording = requireNonNull(recording, "recording is null");
    }

    /** The session's state as saved. */
    public SessionState state() {
        return state;
    }

    /**
     * Records the work tree as the turn's start (or waits for the recording under way), then releases the session; a
     * second call does nothing. A failure, or a process that dies before this, leaves the turn without a snapshot,
     * and its stop takes the files the transcript names.
     */
    public void recordWorkTree() {
        if (recorded) {
            return;
        }
        recorded = true;
        try {
            recording.run();
        } finally {
            lock.close();
        }
    }
}
