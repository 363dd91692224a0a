package io.entire.core.json;

import io.entire.core.EntireException;

/**
 * A JSON Lines stream holds a line longer than its reader's limit: the line was not buffered past the limit, so
 * memory stays bounded whatever the input. Callers that know the file name it in their own exception.
 */
public final class LineTooLongException extends EntireException {
    private final long lineNumber;
    private final long limit;

    public LineTooLongException(long lineNumber, long limit) {
        super(Category.STORAGE, "line " + lineNumber + " is longer than " + limit + " bytes");
        this.lineNumber = lineNumber;
        this.limit = limit;
    }

    /** The 1-based number of the line that is too long. */
    public long lineNumber() {
        return lineNumber;
    }

    public long limit() {
        return limit;
    }
}
