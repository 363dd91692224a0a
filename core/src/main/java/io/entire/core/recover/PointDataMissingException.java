package io.entire.core.recover;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;

/** A rewind point or checkpoint whose recorded data (git objects, a stored checkpoint) is gone; nothing was changed. */
public final class PointDataMissingException extends EntireException {
    private final String point;

    public PointDataMissingException(String point, String problem, Throwable cause) {
        super(Category.STORAGE, point + ": " + problem, cause);
        this.point = requireNonNull(point, "point is null");
    }

    public PointDataMissingException(String point, String problem) {
        super(Category.STORAGE, point + ": " + problem);
        this.point = requireNonNull(point, "point is null");
    }

    /** The step or checkpoint id. */
    public String point() {
        return point;
    }
}
