package io.entire.core;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive locks on files that hold between processes and between threads of this JVM. An OS file lock belongs to
 * the whole JVM: a second thread asking for it gets {@code OverlappingFileLockException} instead of waiting, and the
 * hook server runs several hooks at once. So a thread first waits for the path's lock within this JVM, then for the
 * file lock; the table of paths in use is the one piece of JVM-wide state, as the file locks themselves are.
 */
public final class FileLocks {
    private static final Map<Path, Waiters> IN_USE = new HashMap<>();   // guarded by itself

    private FileLocks() {
    }

    /** Waits for and takes the lock of {@code file} (created if missing); close the result to release it. */
    public static Held lock(Path file) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        Waiters waiters;
        synchronized (IN_USE) {
            waiters = IN_USE.get(key);
            if (waiters == null) {
                waiters = new Waiters();
                IN_USE.put(key, waiters);
            }
            waiters.join();
        }
        waiters.lock.lock();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new Held(key, waiters, channel, channel.lock());
        } catch (IOException | RuntimeException | Error e) {
            if (channel != null) {
                channel.close();
            }
            leave(key, waiters);
            throw e;
        }
    }

    /** Takes the lock of {@code file} (created if missing) when nobody holds it, without waiting. */
    public static Optional<Held> tryLock(Path file) throws IOException {
        return tryLock(file, StandardOpenOption.CREATE);
    }

    /**
     * Takes the lock of an existing file when nobody holds it, in this JVM or another; empty when somebody does (or
     * waits for it) or the file is gone.
     */
    public static Optional<Held> tryLockExisting(Path file) throws IOException {
        return tryLock(file, StandardOpenOption.READ);
    }

    /**
     * A thread of this JVM that holds the file is seen in the table, without opening the file: closing a second
     * channel on it would drop that thread's OS lock with it.
     */
    private static Optional<Held> tryLock(Path file, StandardOpenOption openOption) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        Waiters waiters = new Waiters().join();
        synchronized (IN_USE) {
            if (IN_USE.putIfAbsent(key, waiters) != null) {
                return Optional.empty();
            }
        }
        waiters.lock.lock();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(key, openOption, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return Optional.of(new Held(key, waiters, channel, lock));
            }
        } catch (NoSuchFileException gone) {
            // removed meanwhile: nothing left to lock
        } catch (IOException | RuntimeException | Error e) {
            closeAndLeave(channel, key, waiters);
            throw e;
        }
        closeAndLeave(channel, key, waiters);
        return Optional.empty();
    }

    private static void closeAndLeave(FileChannel channel, Path key, Waiters waiters) throws IOException {
        try {
            if (channel != null) {
                channel.close();
            }
        } finally {
            leave(key, waiters);
        }
    }

    private static void leave(Path key, Waiters waiters) {
        waiters.lock.unlock();
        synchronized (IN_USE) {
            Waiters current = IN_USE.get(key);
            if (current != null && current.leave()) {
                IN_USE.remove(key);
            }
        }
    }

    /** The threads of this JVM that hold or wait for one path's lock. Guarded by the table's monitor. */
    private static final class Waiters {
        final ReentrantLock lock = new ReentrantLock();
        private int count;

        Waiters join() {
            count++;
            return this;
        }

        /** True when nobody is left. */
        boolean leave() {
            return --count == 0;
        }
    }

    /** A lock taken by {@link #lock(Path)}. */
    public static final class Held implements AutoCloseable {
        private final Path file;
        private final Waiters waiters;
        private final FileChannel channel;
        private final FileLock lock;
        private boolean released;

        private Held(Path file, Waiters waiters, FileChannel channel, FileLock lock) {
            this.file = file;
            this.waiters = waiters;
            this.channel = channel;
            this.lock = lock;
        }

        public Path file() {
            return file;
        }

        /** Releases the file lock, then lets the next thread of this JVM have it. */
        @Override
        public void close() throws IOException {
            if (released) {
                return;
            }
            released = true;
            try (channel) {
                lock.release();
            } finally {
                leave(file, waiters);
            }
        }
    }
}
