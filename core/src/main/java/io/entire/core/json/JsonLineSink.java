package io.entire.core.json;

import static java.util.Objects.requireNonNull;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * The other face of {@link JsonLinesReader}, for code that is handed a stream to write into (a store copying a
 * transcript): splits what is written on '\n' and hands each line's bytes to the consumer as it completes; a last
 * line without '\n' at {@link #close}. Memory is the longest line. The bytes passed are the sink's own buffer,
 * valid during the call only. Serves one thread.
 */
public final class JsonLineSink extends OutputStream {
    /** Receives one line: its first {@code length} bytes of {@code bytes}, without the '\n'. */
    @FunctionalInterface
    public interface LineConsumer {
        void accept(byte[] bytes, int length);
    }

    private final LineConsumer consumer;
    private byte[] line = new byte[8192];
    private int length;

    public JsonLineSink(LineConsumer consumer) {
        this.consumer = requireNonNull(consumer, "consumer is null");
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int count) {
        int end = offset + count;
        int start = offset;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                append(bytes, start, i - start);
                endLine();
                start = i + 1;
            }
        }
        append(bytes, start, end - start);
    }

    @Override
    public void close() {
        endLine();
    }

    private void append(byte[] bytes, int offset, int count) {
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
        }
        System.arraycopy(bytes, offset, line, length, count);
        length += count;
    }

    private void endLine() {
        if (length > 0) {
            consumer.accept(line, length);
        }
        length = 0;
    }
}
