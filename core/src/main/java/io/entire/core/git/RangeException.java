package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;

/** A commit range that git cannot read: no such commit, branch or tag. */
public final class RangeException extends EntireException {
    private final String range;

    public RangeException(String range, String gitMessage) {
        super(Category.USAGE, "'" + range + "' is not a commit range git knows: " + gitMessage);
        this.range = requireNonNull(range, "range is null");
    }

    public String range() {
        return range;
    }
}
