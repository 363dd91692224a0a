package io.entire.core;

import static java.util.Objects.requireNonNull;

import io.entire.core.model.Timestamps;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The one place diagnostics go: {@code .entire/logs/entire.log} of a work tree (git-ignored, readable by its owner
 * only), one JSON object per line with {@code time}, {@code level}, {@code component}, {@code message} and, when
 * known, {@code checkpoint_id}, {@code session_id} and {@code ref}. Without a work tree, or when the log is a symbolic
 * link (which a repository can commit), the event goes to stderr as one short line instead. Messages carry text from
 * outside (file names, payload fields); JSON escapes every control character, so nobody can add a line of their own
 * to the log, and the stderr line escapes them the same way, away from the terminal's escape sequences.
 */
public final class Diagnostics {
    static final String FOLDER = ".entire/logs";
    static final String FILE = "entire.log";
    /** Where the log is, as a user is told. */
    public static final String LOCATION = FOLDER + "/" + FILE;

    /**
     * The sink of the run the current thread works for, inherited by the threads it starts: the library's loggers are
     * static, and a served hook's lines must reach its own repository's log, not another hook's or the server's.
     */
    private static final InheritableThreadLocal<Diagnostics> BOUND = new InheritableThreadLocal<>();

    private final Optional<Path> workTree;
    private final PrintWriter err;
    /** Where the run started, when its work tree is to be found at the first event. */
    private final Optional<Path> runDirectory;

    private Diagnostics(Optional<Path> workTree, PrintWriter err, Optional<Path> runDirectory) {
        this.workTree = requireNonNull(workTree, "workTree is null");
        this.err = requireNonNull(err, "err is null");
        this.runDirectory = requireNonNull(runDirectory, "runDirectory is null");
    }

    /** Diagnostics into the log of {@code workTree}, or onto {@code err} when that cannot be written. */
    public static Diagnostics inWorkTree(Path workTree, PrintWriter err) {
        return new Diagnostics(Optional.of(workTree), err, Optional.empty());
    }

    /**
     * Diagnostics of the run started in {@code directory}: into the log of the work tree holding it (the nearest
     * folder above with a {@code .git}) when Entire was set up there, else onto {@code err}. Only files are looked at,
     * and only when the first event comes, so a run that logs nothing pays nothing.
     */
    public static Diagnostics forRunIn(Path directory, PrintWriter err) {
        return new Diagnostics(Optional.empty(), err, Optional.of(directory));
    }

    /** Diagnostics where there is no work tree: each event is one line on {@code err}. */
    public static Diagnostics onStderr(PrintWriter err) {
        return new Diagnostics(Optional.empty(), err, Optional.empty());
    }

    /** The sink bound to the current thread, if any. */
    static Optional<Diagnostics> bound() {
        return Optional.ofNullable(BOUND.get());
    }

    /**
     * Makes this the sink of the current thread (and the threads it starts) until the binding is closed, which puts
     * back the one bound before.
     */
    public Binding bind() {
        Binding binding = new Binding(BOUND.get());
        BOUND.set(this);
        return binding;
    }

    /** A sink bound to a thread; closing it puts back the previous one. */
    public static final class Binding implements AutoCloseable {
        private final Diagnostics previous;

        private Binding(Diagnostics previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            if (previous == null) {
                BOUND.remove();
            } else {
                BOUND.set(previous);
            }
        }
    }

    /** Appends the event to the log; if the log cannot be written, one line goes to stderr instead. */
    public void record(DiagnosticEvent event) {
        String problem = "";
        Optional<Path> target = logWorkTree();
        if (target.isPresent()) {
            try {
                append(target.get(), json(event) + "\n");
                return;
            } catch (IOException | LinkedPathException e) {
                problem = " (not in " + LOCATION + ": " + escape(String.valueOf(e.getMessage())) + ")";
            }
        }
        boolean serious = event.level() == Level.WARNING || event.level() == Level.ERROR;
        String level = serious ? levelName(event.level()) + ": " : "";
        if (runDirectory.isPresent() && problem.isEmpty()) {
            // A command in a repository where no log was set up: details stay off the user's terminal.
            if (serious) {
                err.println("entire: " + event.component() + ": " + level + escape(event.message()));
                err.flush();
            }
            return;
        }
        err.println("entire: " + Timestamps.format(event.time()) + " " + event.component() + ": " + level
                + escape(event.message()) + problem);
        err.flush();
    }

    /**
     * Appends the event to the log, and nowhere else: the details of a failure the user reads about in one line.
     * Whether it was appended (there is no log outside a repository Entire was set up in).
     */
    public boolean recordInLog(DiagnosticEvent event) {
        Optional<Path> target = logWorkTree();
        if (target.isEmpty()) {
            return false;
        }
        try {
            append(target.get(), json(event) + "\n");
            return true;
        } catch (IOException | LinkedPathException e) {
            return false;
        }
    }

    /** Whether events go to a log: the run is in a work tree Entire was set up in. */
    public boolean keepsLog() {
        return logWorkTree().isPresent();
    }

    /** The one line a user reads on stderr about a failure whose details are in the log. */
    public void tellUser(String line) {
        err.println("entire: " + escape(line));
        err.flush();
    }

    /** The work tree whose log this writes into, if there is one. */
    private Optional<Path> logWorkTree() {
        return workTree.isPresent() ? workTree : runDirectory.flatMap(Diagnostics::setUpWorkTree);
    }

    private static Optional<Path> setUpWorkTree(Path directory) {
        for (Path folder = directory.toAbsolutePath(); folder != null; folder = folder.getParent()) {
            if (Files.exists(folder.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
                return Files.isDirectory(folder.resolve(".entire"), LinkOption.NOFOLLOW_LINKS) ? Optional.of(folder)
                        : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static void append(Path workTree, String line) throws IOException {
        Path log = OwnFiles.directory(workTree, FOLDER, OwnFiles.Access.PRIVATE).resolve(FILE);
        OwnFiles.requireNoLink(log.getParent(), log);
        try {
            OwnFiles.createPrivateFile(log);
        } catch (FileAlreadyExistsException exists) {
            // appended to below; a link put there meanwhile is refused by NOFOLLOW_LINKS
        }
        Files.writeString(log, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);
    }

    /** The event as one line of JSON; written by hand, since a hook that logs must not load a JSON writer. */
    static String json(DiagnosticEvent event) {
        StringBuilder line = new StringBuilder(96 + event.message().length());
        line.append("{\"time\":");
        quote(line, Timestamps.format(event.time()));
        line.append(",\"level\":");
        quote(line, levelName(event.level()));
        line.append(",\"component\":");
        quote(line, event.component());
        line.append(",\"message\":");
        quote(line, event.message());
        if (event.checkpointId().isPresent()) {
            line.append(",\"checkpoint_id\":");
            quote(line, event.checkpointId().get().value());
        }
        if (event.sessionId().isPresent()) {
            line.append(",\"session_id\":");
            quote(line, event.sessionId().get().value());
        }
        if (event.ref().isPresent()) {
            line.append(",\"ref\":");
            quote(line, event.ref().get());
        }
        return line.append('}').toString();
    }

    private static String levelName(Level level) {
        return switch (level) {
            case ALL, TRACE -> "trace";
            case DEBUG -> "debug";
            case INFO -> "info";
            case WARNING -> "warning";
            case ERROR, OFF -> "error";
        };
    }

    private static void quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (isControl(c)) {
                appendEscape(out, c);
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    /** The text with each control character (line breaks, escape, C1 controls, line separators) as an escape. */
    public static String escape(String text) {
        StringBuilder escaped = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = isControl(c);
            if (control && escaped == null) {
                escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (escaped != null) {
                if (control) {
                    appendEscape(escaped, c);
                } else {
                    escaped.append(c);
                }
            }
        }
        return escaped == null ? text : escaped.toString();
    }

    private static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c < 0xa0) || c == '\u2028' || c == '\u2029';
    }

    private static void appendEscape(StringBuilder out, char c) {
        switch (c) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                String hex = Integer.toHexString(c);
                out.append("\\u").append("0000", hex.length(), 4).append(hex);
            }
        }
    }
}
