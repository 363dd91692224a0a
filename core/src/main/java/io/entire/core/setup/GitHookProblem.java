package io.entire.core.setup;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * One of Entire's git hooks that is not as this version's {@code entire enable} writes it: which hook, its file, and
 * why, so that a caller can reinstall it, or leave alone a hook another tool owns.
 */
public record GitHookProblem(String hook, Path file, Kind kind) {
    public GitHookProblem {
        requireNonNull(hook, "hook is null");
        requireNonNull(file, "file is null");
        requireNonNull(kind, "kind is null");
    }

    /** Why the hook is not current. */
    public enum Kind {
        /** No hook file. */
        MISSING,
        /** A hook that is not Entire's: another tool's, or the user's own. */
        FOREIGN,
        /** Entire's, but not the script this version writes (another version, or edited by hand). */
        OTHER_VERSION,
        /** A hook manager owns the hooks and its configuration ({@code file}) does not run Entire's yet. */
        NOT_IN_MANAGER
    }

    /** What fixes it, for {@code entire doctor}. */
    public String fix() {
        return kind == Kind.NOT_IN_MANAGER ? "add the lines 'entire enable' prints to " + file : "run 'entire enable'";
    }

    /** The sentence {@code entire doctor} prints after "git hook ". */
    public String sentence() {
        return switch (kind) {
            case MISSING -> hook + " is not installed";
            case FOREIGN -> hook + " is not Entire's (" + file + ")";
            case OTHER_VERSION -> hook + " was written by another version of Entire";
            case NOT_IN_MANAGER -> hook + " is not run from " + file;
        };
    }
}
