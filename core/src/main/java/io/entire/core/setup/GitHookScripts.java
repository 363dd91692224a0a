package io.entire.core.setup;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The POSIX sh scripts Entire installs as git hooks. Each runs {@code <command> hooks git <hook> "$@"} when the
 * command exists (and does nothing otherwise), never lets Entire fail the git command, then hands over to the hook it
 * replaced ({@code <hook>.pre-entire}) with the same arguments and stdin, whose exit status is the hook's.
 */
final class GitHookScripts {
    /** The line that marks a hook as Entire's; the Go tool writes the same, so each recognizes the other's hooks. */
    static final String MARKER = "Entire CLI hooks";
    static final String BACKUP_SUFFIX = ".pre-entire";
    static final List<String> HOOKS = List.of("prepare-commit-msg", "commit-msg", "post-commit", "pre-push",
            "post-rewrite");
    /** The hooks git feeds on stdin (refs being pushed, rewritten commits): both hooks must read all of it. */
    private static final List<String> READING_STDIN = List.of("pre-push", "post-rewrite");

    private GitHookScripts() {
    }

    static String script(String hook, String command) {
        requireNonNull(command, "command is null");
        String available = "command -v " + firstWord(command) + " >/dev/null 2>&1";
        String run = command + " hooks git " + hook + " \"$@\"";
        StringBuilder script = new StringBuilder("#!/bin/sh\n");
        script.append("# ").append(MARKER).append(": ").append(hook)
                .append(" (written by 'entire enable'; 'entire disable --uninstall' removes it)\n");
        script.append("_entire_chain=\"$0").append(BACKUP_SUFFIX).append("\"\n");
        if (readsStdin(hook)) {
            script.append("if [ -x \"$_entire_chain\" ] && _entire_stdin=$(mktemp")
                    .append(" \"${TMPDIR:-/tmp}/entire-").append(hook).append(".XXXXXX\"); then\n");
            script.append("  cat >\"$_entire_stdin\"\n");
            script.append("  if ").append(available).append("; then ").append(run)
                    .append(" <\"$_entire_stdin\" || :; fi\n");
            script.append("  \"$_entire_chain\" \"$@\" <\"$_entire_stdin\"\n");
            script.append("  _entire_status=$?\n  rm -f \"$_entire_stdin\"\n  exit $_entire_status\nfi\n");
        }
        script.append("if ").append(available).append("; then\n  ").append(run).append(" || :\nfi\n");
        script.append("if [ -x \"$_entire_chain\" ]; then\n  exec \"$_entire_chain\" \"$@\"\nfi\n");
        script.append("exit 0\n");
        return script.toString();
    }

    /** Whether git feeds the hook on stdin, so a hook manager must pass it on. */
    static boolean readsStdin(String hook) {
        return READING_STDIN.contains(hook);
    }

    /** The program of a command line: a quoted first word, or everything up to the first blank. */
    static String firstWord(String command) {
        String trimmed = command.strip();
        if (trimmed.startsWith("'")) {
            int end = trimmed.indexOf('\'', 1);
            return end < 0 ? trimmed : trimmed.substring(0, end + 1);
        }
        int space = trimmed.indexOf(' ');
        return space < 0 ? trimmed : trimmed.substring(0, space);
    }

    static boolean isOurs(String content) {
        return content.contains(MARKER);
    }
}
