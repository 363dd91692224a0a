package io.entire.core.capture;

import io.entire.core.EntireException;

/** A session could not be captured because the repository or its transcript is not in a usable state. */
public final class CaptureException extends EntireException {
    public CaptureException(String message) {
        super(Category.STATE, message);
    }
}
