package io.entire.cli;

import io.entire.core.DiagnosticEvent;
import io.entire.core.Diagnostics;
import io.entire.core.Warning;
import java.io.PrintWriter;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Where hooks leave their notes: the {@link Diagnostics} of the work tree, one event per line, so a hook stays quiet
 * on the terminal and a lost checkpoint can still be traced. Without a work tree the line goes to stderr instead.
 */
final class HookLog {
    static final String FILE = "logs/entire.log";

    private final Diagnostics diagnostics;

    private HookLog(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    static HookLog of(Optional<Path> workTree, PrintWriter err) {
        return new HookLog(workTree.isPresent() ? Diagnostics.inWorkTree(workTree.get(), err)
                : Diagnostics.onStderr(err));
    }

    /** Appends one event; if the log cannot be written, the line goes to stderr instead. */
    void record(String hook, String message) {
        diagnostics.record(DiagnosticEvent.of(Instant.now(), Level.INFO, hook, message));
    }

    /** Appends a warning, with the checkpoint, session and ref it is about as fields of the event. */
    void warn(String hook, Warning warning) {
        diagnostics.record(warning.event(Instant.now(), hook));
    }

    /** A failure at a hook's boundary: logged in full, one brief line on stderr, the hook goes on (exit 0). */
    void failure(String hook, RuntimeException e) {
        failureLoggedOnly(hook, e);
        diagnostics.tellUser(hook + ": " + e.getMessage() + " (nothing recorded; see " + Diagnostics.LOCATION + ")");
    }

    /** A failure the user was told about already: logged in full, nothing on stderr. */
    void failureLoggedOnly(String hook, RuntimeException e) {
        diagnostics.record(DiagnosticEvent.of(Instant.now(), Level.ERROR, hook, "failed: " + e));
    }
}
