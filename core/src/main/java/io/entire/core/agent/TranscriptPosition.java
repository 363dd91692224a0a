package io.entire.core.agent;

import static java.util.Objects.requireNonNull;

/**
 * A point in a transcript where a turn or a checkpoint's part starts: stored as a plain number in session state and
 * checkpoint metadata ({@code checkpoint_transcript_start}, as the Go tool does), read in the unit of the agent that
 * wrote it.
 *
 * @param unit what {@code value} counts
 * @param value how many units of the transcript come before the point
 */
public record TranscriptPosition(Unit unit, long value) {
    /** How an agent's transcript is cut into parts. */
    public enum Unit {
        /**
         * Lines of an append-only JSONL transcript (Claude Code, Codex): the file only grows, so the first
         * {@code value} lines never change, and the pass that redacts the file counts them.
         */
        LINE,
        /**
         * Messages of a transcript the agent rewrites in place (Gemini CLI's chat): lines do not stay where they were,
         * the conversation's message list does; the agent numbers its messages after applying its rewrites.
         */
        MESSAGE
    }

    public TranscriptPosition {
        requireNonNull(unit, "unit is null");
        if (value < 0) {
            throw new IllegalArgumentException("negative transcript position " + value + " " + unit);
        }
    }
}
