package io.entire.core.store;

import io.entire.core.EntireException;
import java.nio.file.Path;

/** A transcript holds one line longer than the chunk limit, so it cannot be split without cutting the line. */
public final class TranscriptTooLargeException extends EntireException {
    private final Path transcript;

    public TranscriptTooLargeException(Path transcript, long limit) {
        super(Category.STORAGE, "transcript " + transcript + " has a single line longer than " + limit
                + " bytes; it cannot be chunked on line boundaries");
        this.transcript = transcript;
    }

    public Path transcript() {
        return transcript;
    }
}
