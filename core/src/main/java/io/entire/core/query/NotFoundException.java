package io.entire.core.query;

import io.entire.core.EntireException;

/** What the user asked about does not exist or links to nothing: an unknown id, a commit with no trailer. */
public final class NotFoundException extends EntireException {
    public NotFoundException(String message) {
        super(Category.STATE, message);
    }
}
