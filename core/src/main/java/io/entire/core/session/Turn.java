package io.entire.core.session;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** Where the running (or last) turn began: the transcript's line count and the time of its prompt. */
public record Turn(long transcriptStart, Instant startedAt) {
    public Turn {
        if (transcriptStart < 0) {
            throw new IllegalArgumentException("negative transcript line " + transcriptStart);
        }
        requireNonNull(startedAt, "startedAt is null");
    }
}
