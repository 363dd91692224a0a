package io.entire.core;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * A path Entire would write through is a symbolic link: a repository may commit one (say {@code .entire/logs} pointing
 * at the user's home), and writing through it would write outside the repository. Nothing was written.
 */
public final class LinkedPathException extends EntireException {
    private final Path link;

    public LinkedPathException(Path link) {
        super(Category.STATE, "refusing to write through " + link + ": it is a symbolic link, and Entire writes only"
                + " inside the repository; remove the link, then try again");
        this.link = requireNonNull(link, "link is null");
    }

    /** The symbolic link that was found. */
    public Path link() {
        return link;
    }
}
