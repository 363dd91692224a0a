package io.entire.core.json;

import io.entire.core.EntireException;

/** Text that should be JSON of a given shape is not. */
public final class JsonFormatException extends EntireException {
    public JsonFormatException(String message) {
        super(Category.STORAGE, "malformed JSON: " + message);
    }

    public JsonFormatException(String message, Throwable cause) {
        super(Category.STORAGE, "malformed JSON: " + message, cause);
    }
}
