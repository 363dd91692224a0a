package io.entire.search;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;
import java.nio.file.Path;

/** The search index could not be written even after a rebuild (a full disk, a read-only folder). */
public final class SearchIndexException extends EntireException {
    private final Path folder;

    public SearchIndexException(Path folder, String problem, Throwable cause) {
        super(Category.STORAGE, "search index " + folder + ": " + problem, cause);
        this.folder = requireNonNull(folder, "folder is null");
    }

    public Path folder() {
        return folder;
    }
}
