package io.entire.core;

import static java.util.Objects.requireNonNull;

/** Base of every failure this library reports; the category tells a caller how to react. */
public class EntireException extends RuntimeException {
    /** What kind of failure this is; the CLI maps it to an exit code. */
    public enum Category {
        /** The caller asked for something invalid: bad id, bad flag, bad settings value. */
        USAGE,
        /** A git command failed or git is missing. */
        GIT,
        /** The repository or the input is not in a state to do this: no commits, no transcript, nothing found. */
        STATE,
        /** Checkpoint data is missing, corrupt or could not be written. */
        STORAGE,
        /** A bug or an environment problem nobody can act on. */
        INTERNAL
    }

    private final Category category;

    public EntireException(Category category, String message) {
        super(requireNonNull(message, "message is null"));
        this.category = requireNonNull(category, "category is null");
    }

    public EntireException(Category category, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.category = requireNonNull(category, "category is null");
    }

    public final Category category() {
        return category;
    }
}
