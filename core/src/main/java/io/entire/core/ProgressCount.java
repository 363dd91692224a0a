package io.entire.core;

import static java.util.Objects.requireNonNull;

/**
 * Counts the finished items of a run whose total is known up front and tells a {@link Progress}: once at the start
 * (nothing when there is nothing to do) and after each step. One thread.
 */
public final class ProgressCount {
    private final Progress progress;
    private final int total;
    private int done;

    private ProgressCount(Progress progress, int total) {
        this.progress = progress;
        this.total = total;
    }

    /** Starts counting {@code total} items, telling {@code progress} that none is done yet. */
    public static ProgressCount start(Progress progress, int total) {
        requireNonNull(progress, "progress is null");
        if (total < 0) {
            throw new IllegalArgumentException("negative total " + total);
        }
        if (total > 0) {
            progress.update(0, total);
        }
        return new ProgressCount(progress, total);
    }

    /** {@code items} more are done; never counts past the total. */
    public void add(int items) {
        if (items < 0) {
            throw new IllegalArgumentException("negative count " + items);
        }
        if (items > 0 && done < total) {
            done = Math.min(total, done + items);
            progress.update(done, total);
        }
    }
}
