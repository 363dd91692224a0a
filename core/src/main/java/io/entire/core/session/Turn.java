package io.entire.core.session;

import static java.util.Objects.requireNonNull;

import io.entire.core.agent.LineMark;
import java.time.Instant;
import java.util.Optional;

/**
 * Where the running (or last) turn began: the transcript's line count and the time of its prompt, and, for an
 * append-only transcript, the mark after its last complete line then (so that the turn's lines are read from there).
 */
public record Turn(long transcriptStart, Instant startedAt, Optional<LineMark> mark) {
    public Turn {
        if (transcriptStart < 0) {
            throw new IllegalArgumentException("negative transcript line " + transcriptStart);
        }
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(mark, "mark is null");
        // A mark belongs to the start it was found with: at most a partial last line lies between them.
        if (mark.isPresent() && (mark.get().lines() > transcriptStart || transcriptStart - mark.get().lines() > 1)) {
            mark = Optional.empty();
        }
    }

    /** A turn whose transcript was read without a mark. */
    public Turn(long transcriptStart, Instant startedAt) {
        this(transcriptStart, startedAt, Optional.empty());
    }
}
