package io.entire.core.agent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A point of an append-only JSONL transcript known both ways: after its first {@code lines} complete lines, byte
 * {@code offset}. A reader that wants the lines after it seeks there instead of counting lines from the first byte,
 * once it has checked that the file still has a line end just before that byte.
 */
public record LineMark(long lines, long offset) {
    /** The start of every transcript. */
    public static final LineMark START = new LineMark(0, 0);

    public LineMark {
        if (lines < 0 || offset < 0 || offset < lines) {
            throw new IllegalArgumentException("line mark of " + lines + " lines at byte " + offset);
        }
    }

    /**
     * Where to read a part that starts after line {@code startLine}: this mark when it lies at or before it and the
     * file still fits it, else the file's start.
     */
    public LineMark orStartFor(long startLine, FileChannel transcript) throws IOException {
        return lines <= startLine && holdsIn(transcript) ? this : START;
    }

    /** Whether the file still fits the mark: long enough, with a line end just before the mark's byte. */
    public boolean holdsIn(FileChannel transcript) throws IOException {
        if (offset == 0) {
            return true;
        }
        if (transcript.size() < offset) {
            return false;
        }
        ByteBuffer before = ByteBuffer.allocate(1);
        return transcript.read(before, offset - 1) == 1 && before.get(0) == '\n';
    }
}
