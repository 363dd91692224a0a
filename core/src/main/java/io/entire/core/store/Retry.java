package io.entire.core.store;

import io.entire.core.Log;
import io.entire.core.git.MissingObjectException;
import io.entire.core.git.RefName;
import io.entire.core.git.RefUpdateResult;
import io.entire.core.id.CheckpointId;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The bounded compare-and-swap retry every store write runs: read the tip, apply the change, update the ref with
 * the tip as expected value; when another writer moved it first, pause (short, jittered, growing, so colliding
 * writers spread out) and redo the whole attempt from a fresh read.
 */
public final class Retry {
    private static final System.Logger LOG = Log.of(Retry.class);

    static final int MAX_ATTEMPTS = 60;
    /** Attempts redone because an object vanished under them; more than a few means it is really missing. */
    static final int MAX_VANISHED = 3;

    private Retry() {
    }

    /**
     * Runs attempts until one lands.
     *
     * @param attempt one read-apply-update; its outcome when done, empty when the ref moved and it must be redone
     */
    public static <T> T untilLanded(CheckpointId id, RefName ref, Supplier<Optional<T>> attempt) {
        int vanished = 0;
        for (int number = 1; number <= MAX_ATTEMPTS; number++) {
            Optional<T> done;
            try {
                done = attempt.get();
            } catch (MissingObjectException e) {
                // A repack or gc beside the write can take an object from under git processes that looked it up a
                // moment before (git's own writers race the same way); a fresh attempt reads and writes it again.
                if (++vanished > MAX_VANISHED) {
                    throw e;
                }
                LOG.log(Level.DEBUG, "checkpoint " + id + ": " + e.getMessage() + "; redoing the write");
                continue;
            }
            if (done.isPresent()) {
                return done.get();
            }
            backOff(id, ref, number);
        }
        throw new CheckpointException(id, "gave up after " + MAX_ATTEMPTS + " attempts: other writers kept moving "
                + ref.shortName());
    }

    /** The attempt's outcome when the ref update landed, empty when the attempt must be redone. */
    public static <T> Optional<T> landed(RefUpdateResult result, T outcome) {
        return switch (result) {
            case CREATED, UPDATED, UNCHANGED, DELETED -> Optional.of(outcome);
            case REJECTED_STALE, LOCKED -> Optional.empty();
        };
    }

    /**
     * For an update made once, with no retry (reconciling with a remote): another writer moving the ref meanwhile is
     * a {@link StorageConflictException} naming it.
     */
    public static void requireLanded(RefName ref, RefUpdateResult result) {
        if (landed(result, ref).isEmpty()) {
            throw new StorageConflictException(ref, "moved while being reconciled with the remote (" + result
                    + "); push again");
        }
    }

    private static void backOff(CheckpointId id, RefName ref, int attempt) {
        LOG.log(Level.DEBUG, "checkpoint " + id + ": " + ref + " moved, retrying (attempt " + attempt
                + ")");
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, 5 + Math.min(attempt, 10) * 10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CheckpointException(id, "interrupted while retrying a write", e);
        }
    }
}
