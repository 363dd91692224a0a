package io.entire.cli;

import io.entire.core.model.Timestamps;
import io.entire.core.settings.SettingsLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * Where hooks leave their notes: {@code .entire/logs/entire.log} of the work tree (git-ignored), one line per event,
 * so a hook stays quiet on the terminal and a lost checkpoint can still be traced. Without a work tree, stderr.
 */
final class HookLog {
    static final String FILE = "logs/entire.log";

    private final Optional<Path> file;
    private final PrintWriter err;

    private HookLog(Optional<Path> file, PrintWriter err) {
        this.file = file;
        this.err = err;
    }

    static HookLog of(Optional<Path> workTree, PrintWriter err) {
        return new HookLog(workTree.map(root -> root.resolve(SettingsLoader.DIRECTORY).resolve(FILE)), err);
    }

    /** Appends one line; if the log cannot be written, the line goes to stderr instead. */
    void record(String hook, String message) {
        String line = Timestamps.format(Instant.now()) + " " + hook + ": " + message.replace('\n', ' ') + "\n";
        if (file.isPresent()) {
            try {
                Files.createDirectories(file.get().getParent());
                Files.writeString(file.get(), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                return;
            } catch (IOException e) {
                err.println("entire: could not write " + file.get() + " (" + e.getMessage() + ")");
            }
        }
        err.print("entire: " + line);
        err.flush();
    }

    /** A failure at a hook's boundary: logged in full, one brief line on stderr, the hook goes on (exit 0). */
    void failure(String hook, RuntimeException e) {
        record(hook, "failed: " + e);
        err.println("entire: " + hook + ": " + e.getMessage() + " (nothing recorded; see .entire/" + FILE + ")");
        err.flush();
    }
}
