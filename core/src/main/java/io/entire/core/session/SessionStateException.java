package io.entire.core.session;

import io.entire.core.EntireException;
import java.nio.file.Path;

/** A session state file cannot be read; deleting it makes Entire start the session afresh at its next prompt. */
public final class SessionStateException extends EntireException {
    private final Path file;

    public SessionStateException(Path file, Throwable cause) {
        super(Category.STATE, "unreadable session state " + file + " (" + cause.getMessage()
                + "); delete it to start the session afresh", cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
