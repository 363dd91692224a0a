package io.entire.core.agent;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

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

    /**
     * The end of an append-only JSONL transcript: its lines now, a last line without '\n' too, as the pass that
     * stores it counts them; line 0 when there is no such file.
     */
    public static TranscriptPosition endOfLines(Path transcript) {
        return endOfLinesMarked(transcript).position();
    }

    /** As {@link #endOfLines}, with the mark after the transcript's last complete line, found by the same read. */
    public static TranscriptEnd endOfLinesMarked(Path transcript) {
        return endOfLinesMarked(transcript, LineMark.START);
    }

    /**
     * As {@link #endOfLinesMarked(Path)}, counting on from {@code known} (a mark found in the same file before) when
     * the file still fits it: only the bytes after it are read.
     */
    public static TranscriptEnd endOfLinesMarked(Path transcript, LineMark known) {
        requireNonNull(known, "known is null");
        if (!Files.isRegularFile(transcript)) {
            return new TranscriptEnd(new TranscriptPosition(Unit.LINE, 0), Optional.of(LineMark.START));
        }
        try (FileChannel channel = FileChannel.open(transcript, StandardOpenOption.READ)) {
            LineMark from = known.holdsIn(channel) ? known : LineMark.START;
            InputStream in = Channels.newInputStream(channel.position(from.offset()));
            byte[] buffer = new byte[1 << 16];
            long lines = from.lines();
            long offset = from.offset();
            long afterLastNewline = from.offset();
            int read;
            while ((read = in.read(buffer)) > 0) {
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                        afterLastNewline = offset + i + 1;
                    }
                }
                offset += read;
            }
            return new TranscriptEnd(new TranscriptPosition(Unit.LINE, offset > afterLastNewline ? lines + 1 : lines),
                    Optional.of(new LineMark(lines, afterLastNewline)));
        } catch (IOException e) {
            throw new UncheckedIOException("reading transcript " + transcript, e);
        }
    }
}
