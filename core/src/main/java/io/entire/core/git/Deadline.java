package io.entire.core.git;

import java.time.Duration;

/**
 * When git commands started for a bounded task must have ended: a command still running then is stopped, with every
 * process it started. {@link #NONE} never passes.
 */
public final class Deadline {
    public static final Deadline NONE = new Deadline(Long.MAX_VALUE, false);

    private final long nanoTime;
    private final boolean bounded;

    private Deadline(long nanoTime, boolean bounded) {
        this.nanoTime = nanoTime;
        this.bounded = bounded;
    }

    /** The deadline {@code time} from now. */
    public static Deadline after(Duration time) {
        if (time.isNegative()) {
            throw new IllegalArgumentException("negative time: " + time);
        }
        return new Deadline(System.nanoTime() + time.toNanos(), true);
    }

    public boolean bounded() {
        return bounded;
    }

    public boolean passed() {
        return bounded && remainingNanos() <= 0;
    }

    /** Nanoseconds left; {@code Long.MAX_VALUE} when unbounded. */
    long remainingNanos() {
        return bounded ? nanoTime - System.nanoTime() : Long.MAX_VALUE;
    }

    @Override
    public String toString() {
        return bounded ? "deadline in " + Duration.ofNanos(remainingNanos()) : "no deadline";
    }
}
