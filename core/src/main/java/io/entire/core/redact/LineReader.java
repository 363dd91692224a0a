package io.entire.core.redact;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Splits a byte stream on '\n' one line at a time; memory is one read buffer plus the longest line. */
final class LineReader {
    private final InputStream in;
    private final byte[] chunk = new byte[64 * 1024];
    private int position;
    private int limit;
    private boolean endOfStream;
    private byte[] line = new byte[4096];
    private int lineLength;
    private boolean newlineTerminated;

    LineReader(InputStream in) {
        this.in = requireNonNull(in, "in is null");
    }

    /** Advances to the next line; a last line without '\n' still counts, an empty tail after '\n' does not. */
    boolean next() throws IOException {
        lineLength = 0;
        newlineTerminated = false;
        while (true) {
            if (position == limit) {
                if (endOfStream || !fill()) {
                    return lineLength > 0;
                }
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

    byte[] bytes() {
        return line;
    }

    int length() {
        return lineLength;
    }

    boolean newlineTerminated() {
        return newlineTerminated;
    }

    boolean isBlank() {
        for (int i = 0; i < lineLength; i++) {
            byte b = line[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private boolean fill() throws IOException {
        int read = in.read(chunk, 0, chunk.length);
        if (read <= 0) {
            endOfStream = true;
            position = 0;
            limit = 0;
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }

    private void append(byte[] source, int offset, int count) {
        if (lineLength + count > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + count));
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
