package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;

/** git could not blame a file: it is not tracked, not in the repository, or shorter than the range asked for. */
public final class BlameException extends EntireException {
    private final String path;

    public BlameException(String path, String gitMessage) {
        super(Category.USAGE, "cannot blame '" + path + "': " + gitMessage);
        this.path = requireNonNull(path, "path is null");
    }

    public String path() {
        return path;
    }
}
