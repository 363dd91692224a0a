package io.entire.core.agent;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Where a transcript ends now, and, for an append-only transcript cut by lines, the mark after its last complete line
 * (where a part starting at this end can be read from).
 */
public record TranscriptEnd(TranscriptPosition position, Optional<LineMark> mark) {
    public TranscriptEnd {
        requireNonNull(position, "position is null");
        requireNonNull(mark, "mark is null");
        if (mark.isPresent() && (position.unit() != TranscriptPosition.Unit.LINE
                || mark.get().lines() > position.value() || position.value() - mark.get().lines() > 1)) {
            throw new IllegalArgumentException("mark " + mark.get() + " does not belong to the end " + position);
        }
    }
}
