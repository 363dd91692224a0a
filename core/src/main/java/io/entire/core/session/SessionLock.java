package io.entire.core.session;

import io.entire.core.FileLocks;
import io.entire.core.id.SessionId;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An exclusive lock on one session's state, held across a read-modify-write by one hook (a file lock, so hooks of
 * the same session running at once take turns, in separate processes or in the hook server). Close it to release.
 */
public final class SessionLock implements AutoCloseable {
    private final SessionId sessionId;
    private final FileLocks.Held lock;

    SessionLock(SessionId sessionId, FileLocks.Held lock) {
        this.sessionId = sessionId;
        this.lock = lock;
    }

    public SessionId sessionId() {
        return sessionId;
    }

    @Override
    public void close() {
        try {
            lock.close();
        } catch (IOException e) {
            throw new UncheckedIOException("releasing the lock of session " + sessionId, e);
        }
    }
}
