package io.entire.cli;

import static java.util.Objects.requireNonNull;

import io.entire.core.Progress;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * One updating line on a terminal's stderr for long work: count, share, rate and time left
 * ({@code migrating checkpoints: 120/500 (24%), 40/s, about 10s left}). Draws nothing without a terminal, and at
 * most ten times a second. One thread. Java tells only whether stdin and stdout are a terminal
 * ({@code System.console}), not stderr: {@code 2>file} on a terminal writes the line into the file.
 */
final class ProgressLine implements Progress {
    private static final Duration REDRAW = Duration.ofMillis(100);

    private final PrintWriter err;
    private final boolean drawing;
    private final InstantSource clock;
    private final String label;
    private Instant started;
    private Instant drawn;
    private int width;

    ProgressLine(PrintWriter err, boolean drawing, InstantSource clock, String label) {
        this.err = requireNonNull(err, "err is null");
        this.drawing = drawing;
        this.clock = requireNonNull(clock, "clock is null");
        this.label = requireNonNull(label, "label is null");
    }

    /** A line drawn only when a person watches the terminal. */
    static ProgressLine forCommand(CliContext context, String label) {
        return new ProgressLine(context.err(), context.terminal().interactive(), context.environment().clock(), label);
    }

    @Override
    public void update(int done, int total) {
        if (!drawing) {
            return;
        }
        Instant now = clock.instant();
        if (started == null) {
            started = now;
        } else if (done < total && Duration.between(drawn, now).compareTo(REDRAW) < 0) {
            return;
        }
        drawn = now;
        String line = text(done, total, Duration.between(started, now));
        err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
        err.flush();
        width = line.length();
    }

    /** Ends the line, when one was drawn. */
    void finish() {
        if (drawn != null) {
            err.println();
        }
    }

    String text(int done, int total, Duration elapsed) {
        StringBuilder text = new StringBuilder(label).append(": ").append(done).append('/').append(total);
        if (total > 0) {
            text.append(" (").append(done * 100L / total).append("%)");
        }
        long millis = elapsed.toMillis();
        if (done > 0 && millis >= 1000) {
            double perSecond = done * 1000.0 / millis;
            text.append(", ").append(perSecond >= 10 ? Long.toString(Math.round(perSecond))
                    : String.format(java.util.Locale.ROOT, "%.1f", perSecond)).append("/s");
            if (done < total) {
                text.append(", about ").append(duration(Math.round((total - done) / perSecond))).append(" left");
            }
        }
        return text.toString();
    }

    private static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + "s");
        }
        return seconds / 3600 + "h " + seconds % 3600 / 60 + "m";
    }
}
