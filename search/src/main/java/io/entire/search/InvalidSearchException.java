package io.entire.search;

import io.entire.core.EntireException;

/** A search the user asked for cannot run as given: an empty query, a bad limit or file. Nothing was searched. */
public final class InvalidSearchException extends EntireException {
    public InvalidSearchException(String message) {
        super(Category.USAGE, message);
    }
}
