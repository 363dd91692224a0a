package io.entire.core.session;

import io.entire.core.id.SessionId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;

/**
 * An exclusive lock on one session's state, held across a read-modify-write by one process (an OS file lock, so hooks
 * of the same session running at once take turns). Close it to release.
 */
public final class SessionLock implements AutoCloseable {
    private final SessionId sessionId;
    private final FileChannel channel;
    private final FileLock lock;

    SessionLock(SessionId sessionId, FileChannel channel, FileLock lock) {
        this.sessionId = sessionId;
        this.channel = channel;
        this.lock = lock;
    }

    public SessionId sessionId() {
        return sessionId;
    }

    @Override
    public void close() {
        try (channel) {
            lock.release();
        } catch (IOException e) {
            throw new UncheckedIOException("releasing the lock of session " + sessionId, e);
        }
    }
}
