package io.entire.core.git;

import io.entire.core.EntireException;
import java.nio.file.Path;

/** The directory is not inside a git work tree. */
public final class NotARepositoryException extends EntireException {
    private final Path directory;

    public NotARepositoryException(Path directory, String detail) {
        super(Category.STATE, directory + " is not inside a git repository" + (detail.isEmpty() ? "" : " (" + detail
                + ")") + "; run entire inside the repository you want to record");
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }
}
