package io.entire.core.session;

import io.entire.core.EntireException;
import java.nio.file.Path;

/** A mark of an owed checkpoint cannot be read; it names its file, which holds the checkpoint id and commit. */
public final class OwedCheckpointException extends EntireException {
    private final Path file;

    public OwedCheckpointException(Path file, Throwable cause) {
        super(Category.STATE, "unreadable owed-checkpoint mark " + file + " (" + cause.getMessage()
                + "); 'entire attach <session-id>' captures the session, then delete the file", cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
