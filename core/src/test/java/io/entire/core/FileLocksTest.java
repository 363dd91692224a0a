package io.entire.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Threads of one JVM (the hook server's hooks) take turns on a file lock instead of failing. */
class FileLocksTest {
    @TempDir
    Path temp;

    @Test
    void threadsOfOneJvmTakeTurns() throws Exception {
        Path file = temp.resolve("session.lock");
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                done.add(executor.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        try (FileLocks.Held held = FileLocks.lock(file)) {
                            mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            Thread.onSpinWait();
                            inside.decrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            executor.shutdownNow();
        }

        assertThat(mostInside).hasValue(1);
    }

    @Test
    void tryLockTakesAFreeLockAndLeavesAHeldOneAlone() throws Exception {
        Path file = temp.resolve("owed.lock");
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (FileLocks.Held held = FileLocks.lock(file)) {
            assertThat(other.submit(() -> FileLocks.tryLock(file)).get()).as("held by another thread").isEmpty();
        } finally {
            other.shutdownNow();
        }
        try (FileLocks.Held taken = FileLocks.tryLock(file).orElseThrow()) {
            assertThat(taken.file()).isEqualTo(file.toAbsolutePath());
        }
    }

    @Test
    void closingReleasesTheFileLock() throws Exception {
        Path file = temp.resolve("queue.lock");
        FileLocks.Held held = FileLocks.lock(file);
        held.close();
        held.close();   // twice is harmless

        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
                FileLock again = channel.tryLock()) {
            assertThat(again).isNotNull();
        }
        try (FileLocks.Held next = FileLocks.lock(file)) {
            assertThat(next.file()).isEqualTo(file.toAbsolutePath());
        }
    }
}
