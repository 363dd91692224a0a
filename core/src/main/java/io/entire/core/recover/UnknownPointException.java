package io.entire.core.recover;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;

/** A rewind point, or a resume target, that names nothing this repository has; nothing was changed. */
public final class UnknownPointException extends EntireException {
    private final String target;

    public UnknownPointException(String target, String problem) {
        super(Category.STATE, "'" + target + "' " + problem);
        this.target = requireNonNull(target, "target is null");
    }

    /** What was asked for, as given. */
    public String target() {
        return target;
    }
}
