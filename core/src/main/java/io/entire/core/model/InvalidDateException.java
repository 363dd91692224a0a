package io.entire.core.model;

import io.entire.core.EntireException;

/** A date the user typed (a {@code --since}) is none of the accepted forms; nothing was done with it. */
public final class InvalidDateException extends EntireException {
    public InvalidDateException(String message) {
        super(Category.USAGE, message);
    }
}
