package io.entire.core.testing;

import java.util.concurrent.CountDownLatch;

/**
 * Holds work back until a thread blocks: a test that must show a call waits for slow work makes the work wait on a
 * latch and releases it only once the calling thread is parked in that call. Had the call not waited, the work would
 * never be released and the test would see it unfinished.
 */
public final class Release {
    private Release() {
    }

    /** Counts {@code latch} down, on a daemon thread, as soon as {@code waiter} waits (parked or blocked). */
    public static void whenWaiting(Thread waiter, CountDownLatch latch) {
        Thread releaser = new Thread(() -> {
            while (!isWaiting(waiter.getState())) {
                Thread.onSpinWait();
            }
            latch.countDown();
        }, "test-release");
        releaser.setDaemon(true);
        releaser.start();
    }

    private static boolean isWaiting(Thread.State state) {
        return switch (state) {
            case WAITING, TIMED_WAITING, BLOCKED -> true;
            case NEW, RUNNABLE, TERMINATED -> false;
        };
    }
}
