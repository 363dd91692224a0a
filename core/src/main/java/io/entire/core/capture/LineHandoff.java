package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.Background;
import io.entire.core.redact.Redactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands the lines of a transcript from the thread that reads and redacts it to a thread that parses them, so that the
 * two halves of a preparation run on two cores. Lines travel in batches of about 64 KB through a queue of sixteen, so
 * at most ~1.1 MB wait whatever the transcript's size, and the reading side of a megabyte ends early: what follows it
 * (git compressing the redacted file) runs while the last lines are parsed. A failure on the parsing side stops the
 * reading side at its next batch; close after a failure on the reading side waits for the parsing side to end.
 */
final class LineHandoff implements Redactor.LineSink, AutoCloseable {
    private static final int BATCH_BYTES = 1 << 16;
    private static final int QUEUE_LENGTH = 16;
    private static final Batch END = new Batch();

    private final Redactor.LineSink sink;
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUE_LENGTH);
    private final Background<Void> parsing;
    private volatile Exception failure;
    private volatile boolean parsingEnded;
    private Batch filling = new Batch();
    private boolean ended;

    private LineHandoff(String name, Redactor.LineSink sink) {
        this.sink = sink;
        this.parsing = Background.start(name, this::parse);
    }

    /** Starts the thread that gives {@code sink} every line accepted here, in order. */
    static LineHandoff start(String name, Redactor.LineSink sink) {
        requireNonNull(name, "name is null");
        return new LineHandoff(name, requireNonNull(sink, "sink is null"));
    }

    /** Takes a copy of the line; the caller may reuse the array. */
    @Override
    public void accept(byte[] line, int length, long lineNumber) {
        if (filling.count > 0 && filling.size + length > BATCH_BYTES) {
            hand(filling);
            filling = new Batch();
        }
        filling.add(line, length, lineNumber);
    }

    /** Hands the last lines over and waits until every line is parsed; throws what the parsing threw. */
    void finish() {
        if (filling.count > 0) {
            hand(filling);
            filling = new Batch();
        }
        end();
        parsing.join();
    }

    /** Ends the parsing thread and waits for it, without its result: for a reading side that failed. */
    @Override
    public void close() {
        if (!ended) {
            end();
        }
        parsing.awaitEnd();
    }

    private void end() {
        ended = true;
        hand(END);
    }

    private void hand(Batch batch) {
        if (failure != null && batch != END) {
            end();
            parsing.join();   // throws the parsing side's failure: no point reading further
        }
        try {
            while (!queue.offer(batch, 50, TimeUnit.MILLISECONDS)) {
                if (parsingEnded) {
                    parsing.join();   // it ended without reaching the end of the lines: throws why
                    throw new IllegalStateException("transcript parsing ended before the transcript did");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing transcript lines over", e);
        }
    }

    /** The parsing thread: every batch until the end, the remaining ones only drained once the sink has failed. */
    private Void parse() throws InterruptedException {
        try {
            for (Batch batch = queue.take(); batch != END; batch = queue.take()) {
                if (failure == null) {
                    try {
                        batch.deliver(sink);
                    } catch (IOException | RuntimeException e) {
                        failure = e;
                    }
                }
            }
        } finally {
            parsingEnded = true;
        }
        Exception failed = failure;
        if (failed instanceof IOException io) {
            throw new UncheckedIOException(io);
        }
        if (failed != null) {
            throw (RuntimeException) failed;
        }
        return null;
    }

    /** Consecutive lines, their bytes back to back. Filled by the reading thread, then owned by the parsing one. */
    private static final class Batch {
        private byte[] bytes = new byte[0];
        private int size;
        private int[] ends = new int[64];
        private long[] numbers = new long[64];
        private int count;

        void add(byte[] line, int length, long number) {
            if (size + length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(BATCH_BYTES, size + length));
            }
            System.arraycopy(line, 0, bytes, size, length);
            size += length;
            if (count == ends.length) {
                ends = Arrays.copyOf(ends, count * 2);
                numbers = Arrays.copyOf(numbers, count * 2);
            }
            ends[count] = size;
            numbers[count] = number;
            count++;
        }

        void deliver(Redactor.LineSink sink) throws IOException {
            byte[] line = new byte[0];
            int start = 0;
            for (int i = 0; i < count; i++) {
                int length = ends[i] - start;
                if (line.length < length) {
                    line = new byte[Math.max(length, 1024)];
                }
                System.arraycopy(bytes, start, line, 0, length);
                sink.accept(line, length, numbers[i]);
                start = ends[i];
            }
        }
    }
}
