package io.entire.core.store;

import io.entire.core.EntireException;
import java.nio.file.Path;

/**
 * A transcript holds one line longer than the chunk limit, so it cannot be split without cutting the line, or longer
 * than a reader may buffer.
 */
public final class TranscriptTooLargeException extends EntireException {
    private final Path transcript;

    public TranscriptTooLargeException(Path transcript, long limit) {
        super(Category.STORAGE, "transcript " + transcript + " has a single line longer than " + limit
                + " bytes; it cannot be chunked on line boundaries");
        this.transcript = transcript;
    }

    /** A line of {@code transcript} is longer than {@code limit} bytes, the most a transcript line may hold. */
    public TranscriptTooLargeException(Path transcript, long lineNumber, long limit) {
        super(Category.STORAGE, "transcript " + transcript + ": line " + lineNumber + " is longer than " + limit
                + " bytes, the most a stored transcript line may hold; nothing was stored");
        this.transcript = transcript;
    }

    public Path transcript() {
        return transcript;
    }
}
