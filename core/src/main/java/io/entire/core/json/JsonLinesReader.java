package io.entire.core.json;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a JSON Lines stream on '\n' one line at a time, handing out each line's raw bytes so that callers can copy
 * it unchanged or parse it with {@link JsonReader#findValue}. Memory is one read buffer of at most 64 KiB plus the
 * longest line, which may be long (a pasted image makes a single transcript line of many MB) but not longer than the
 * reader's limit: a longer one is a {@link LineTooLongException}, thrown before it is buffered past the limit. Serves
 * one thread; the caller closes the stream.
 */
public final class JsonLinesReader {
    /**
     * 50 MiB: a longer line could not be stored anyway, since transcripts are stored in chunks of at most 50 MiB cut
     * at line ends (the Go implementation's limit).
     */
    public static final int DEFAULT_MAX_LINE_LENGTH = 50 * 1024 * 1024;
    private static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private final int maxLineLength;
    private final byte[] chunk;
    private int position;
    private int limit;
    private boolean endOfStream;
    private byte[] line = new byte[4096];
    private int lineLength;
    private boolean newlineTerminated;
    private long lineNumber;

    public JsonLinesReader(InputStream in) {
        this(in, DEFAULT_MAX_LINE_LENGTH);
    }

    /** A reader whose lines may hold at most {@code maxLineLength} bytes (the '\n' not counted). */
    public JsonLinesReader(InputStream in, int maxLineLength) {
        this.in = requireNonNull(in, "in is null");
        if (maxLineLength < 1) {
            throw new IllegalArgumentException("line length limit must be positive: " + maxLineLength);
        }
        this.maxLineLength = maxLineLength;
        this.chunk = new byte[chunkSize(in)];
    }

    /** Bytes already in memory need no larger buffer than they are: a migration reads thousands of small ones. */
    private static int chunkSize(InputStream in) {
        return in instanceof ByteArrayInputStream bytes ? Math.max(1, Math.min(CHUNK, bytes.available())) : CHUNK;
    }

    /**
     * Advances to the next line; a last line without '\n' still counts, an empty tail after '\n' does not. A line
     * longer than the limit is a {@link LineTooLongException}.
     */
    public boolean next() throws IOException {
        lineNumber++;
        lineLength = 0;
        newlineTerminated = false;
        while (true) {
            if (position == limit && !fill()) {
                return lineLength > 0;
            }
            int newline = indexOfNewline(chunk, position, limit);
            int end = newline < 0 ? limit : newline;
            append(chunk, position, end - position);
            if (newline >= 0) {
                position = newline + 1;
                newlineTerminated = true;
                return true;
            }
            position = limit;
        }
    }

    /**
     * The current line without its '\n' in the first {@link #length()} bytes. The array is the reader's own buffer,
     * not a copy: it is overwritten by the next call to {@link #next()}.
     */
    public byte[] bytes() {
        return line;
    }

    public int length() {
        return lineLength;
    }

    /** Whether the current line ended with '\n', which a copy of the stream must then write back. */
    public boolean newlineTerminated() {
        return newlineTerminated;
    }

    /** Whether the current line holds nothing but spaces, tabs and carriage returns. */
    public boolean isBlank() {
        return isBlank(line, lineLength);
    }

    /** Whether the current line holds these bytes somewhere: a cheap test before parsing it. */
    public boolean contains(byte[] needle) {
        int last = lineLength - needle.length;
        for (int i = 0; i <= last; i++) {
            if (line[i] == needle[0] && Arrays.equals(line, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the first {@code length} bytes hold nothing but spaces, tabs and carriage returns. */
    public static boolean isBlank(byte[] line, int length) {
        for (int i = 0; i < length; i++) {
            byte b = line[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private boolean fill() throws IOException {
        if (endOfStream) {
            return false;
        }
        int read = in.read(chunk, 0, chunk.length);
        position = 0;
        if (read <= 0) {
            endOfStream = true;
            limit = 0;
            return false;
        }
        limit = read;
        return true;
    }

    private void append(byte[] source, int offset, int count) {
        if ((long) lineLength + count > maxLineLength) {
            throw new LineTooLongException(lineNumber, maxLineLength);
        }
        if (lineLength + count > line.length) {
            line = Arrays.copyOf(line, (int) Math.min(maxLineLength, Math.max(2L * line.length, lineLength + count)));
        }
        System.arraycopy(source, offset, line, lineLength, count);
        lineLength += count;
    }

    private static int indexOfNewline(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
