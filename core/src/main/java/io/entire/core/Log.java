package io.entire.core;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.Instant;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * The library's {@link System.Logger}: events go to the {@link Diagnostics} bound to the thread that logs (the run's
 * {@code .entire/logs/entire.log}), never to java.util.logging, whose two-line format would reach a user's terminal and
 * whose start costs a hook ~4 ms. Debug events are dropped. Without a bound sink (the hook server's own work, which
 * the launcher keeps in the server's log), each event is one line on this process's stderr.
 */
public final class Log implements System.Logger {
    private final String name;

    private Log(String name) {
        this.name = name;
    }

    /** The logger named after {@code owner}. */
    public static System.Logger of(Class<?> owner) {
        return new Log(owner.getName());
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean isLoggable(Level level) {
        return level.getSeverity() >= Level.INFO.getSeverity() && level != Level.OFF;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
        record(level, thrown == null ? String.valueOf(message) : message + ": " + thrown);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        record(level, params == null || params.length == 0 ? String.valueOf(format)
                : MessageFormat.format(format, params));
    }

    private void record(Level level, String message) {
        if (!isLoggable(level)) {
            return;
        }
        record(DiagnosticEvent.of(Instant.now(), level, name.substring(name.lastIndexOf('.') + 1), message));
    }

    /**
     * Records an event in the log of the thread's run only, never on the terminal; whether it was logged
     * ({@link Diagnostics#recordInLog}).
     */
    public static boolean recordInLog(DiagnosticEvent event) {
        return Diagnostics.bound().map(bound -> bound.recordInLog(event)).orElse(false);
    }

    /** Whether the thread's run has a log to point a user to (there is none outside a repository set up). */
    public static boolean keepsLog() {
        return Diagnostics.bound().map(Diagnostics::keepsLog).orElse(false);
    }

    /** Records an event whose fields (checkpoint, session, ref) a plain logged message would lose. */
    public static void record(DiagnosticEvent event) {
        Optional<Diagnostics> bound = Diagnostics.bound();
        if (bound.isPresent()) {
            bound.get().record(event);
        } else {
            Diagnostics.onStderr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true))
                    .record(event);
        }
    }
}
