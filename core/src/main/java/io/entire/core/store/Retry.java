package io.entire.core.store;

import io.entire.core.id.CheckpointId;
import java.util.concurrent.ThreadLocalRandom;

/** The pause between compare-and-swap attempts: short, jittered, growing, so colliding writers spread out. */
final class Retry {
    private Retry() {
    }

    static void backOff(CheckpointId id, int attempt, System.Logger log) {
        log.log(System.Logger.Level.DEBUG, "checkpoint " + id + ": ref moved, retrying (attempt " + attempt + ")");
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, 5 + Math.min(attempt, 10) * 10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CheckpointException(id, "interrupted while retrying a write", e);
        }
    }
}
