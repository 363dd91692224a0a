package io.entire.core.id;

import io.entire.core.EntireException;

/** A string that was offered as an id and is not one; always a usage error, raised before it reaches git. */
public final class InvalidIdException extends EntireException {
    public InvalidIdException(String message) {
        super(Category.USAGE, message);
    }
}
