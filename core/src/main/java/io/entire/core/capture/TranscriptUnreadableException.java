package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;
import java.nio.file.Path;

/** A past session's transcript holds lines that cannot be read, so {@code import} stops before writing anything. */
public final class TranscriptUnreadableException extends EntireException {
    private final Path transcript;

    public TranscriptUnreadableException(Path transcript, int malformedLines) {
        super(Category.STATE, "transcript " + transcript + " has " + malformedLines + " malformed line(s); nothing was"
                + " imported. Repair or move the file (or import other agents' sessions with --agent), then rerun");
        this.transcript = requireNonNull(transcript, "transcript is null");
    }

    public Path transcript() {
        return transcript;
    }
}
