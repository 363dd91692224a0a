package io.entire.cli;

import io.entire.core.LinkedPathException;
import io.entire.core.OwnFiles;
import io.entire.core.model.Timestamps;
import io.entire.core.settings.SettingsLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * Where hooks leave their notes: {@code .entire/logs/entire.log} of the work tree (git-ignored, readable by its owner
 * only), one line per event, so a hook stays quiet on the terminal and a lost checkpoint can still be traced. Without
 * a work tree, or when the log is a symbolic link (which a repository can commit), the line goes to stderr instead.
 * Messages carry text from outside (file names, payload fields), so control characters are escaped: nobody can add a
 * line of their own to the log, nor reach the terminal's escape sequences.
 */
final class HookLog {
    static final String FILE = "logs/entire.log";
    private static final String FOLDER = SettingsLoader.DIRECTORY + "/logs";

    private final Optional<Path> workTree;
    private final PrintWriter err;

    private HookLog(Optional<Path> workTree, PrintWriter err) {
        this.workTree = workTree;
        this.err = err;
    }

    static HookLog of(Optional<Path> workTree, PrintWriter err) {
        return new HookLog(workTree, err);
    }

    /** Appends one line; if the log cannot be written, the line goes to stderr instead. */
    void record(String hook, String message) {
        String line = Timestamps.format(Instant.now()) + " " + hook + ": " + escape(message);
        if (workTree.isPresent()) {
            try {
                append(workTree.get(), line + "\n");
                return;
            } catch (IOException | LinkedPathException e) {
                line += " (not in .entire/" + FILE + ": " + escape(String.valueOf(e.getMessage())) + ")";
            }
        }
        err.println("entire: " + line);
        err.flush();
    }

    /** A failure at a hook's boundary: logged in full, one brief line on stderr, the hook goes on (exit 0). */
    void failure(String hook, RuntimeException e) {
        record(hook, "failed: " + e);
        err.println("entire: " + hook + ": " + escape(String.valueOf(e.getMessage()))
                + " (nothing recorded; see .entire/" + FILE + ")");
        err.flush();
    }

    private static void append(Path workTree, String line) throws IOException {
        Path log = OwnFiles.directory(workTree, FOLDER, OwnFiles.Access.PRIVATE).resolve("entire.log");
        OwnFiles.requireNoLink(log.getParent(), log);
        try {
            OwnFiles.createPrivateFile(log);
        } catch (FileAlreadyExistsException exists) {
            // appended to below; a link put there meanwhile is refused by NOFOLLOW_LINKS
        }
        Files.writeString(log, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);
    }

    /** The text with each control character (line breaks, escape, C1 controls, line separators) as an escape. */
    static String escape(String text) {
        StringBuilder escaped = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7f && c < 0xa0) || c == '\u2028' || c == '\u2029';
            if (control && escaped == null) {
                escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (escaped != null) {
                if (!control) {
                    escaped.append(c);
                } else if (c == '\n') {
                    escaped.append("\\n");
                } else if (c == '\r') {
                    escaped.append("\\r");
                } else if (c == '\t') {
                    escaped.append("\\t");
                } else {
                    String hex = Integer.toHexString(c);
                    escaped.append("\\u").append("0000", hex.length(), 4).append(hex);
                }
            }
        }
        return escaped == null ? text : escaped.toString();
    }
}
