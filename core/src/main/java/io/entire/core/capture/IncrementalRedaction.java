package io.entire.core.capture;

import io.entire.core.Sha256;
import io.entire.core.agent.TranscriptPass;
import io.entire.core.json.JsonLinesReader;
import io.entire.core.redact.RedactionResult;
import io.entire.core.redact.Redactor;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Redacts what an append-only transcript gained after a {@link RedactedPrefix}, appending it to the prefix's redacted
 * file, and hands the pass its lines after the part's start (from the redacted file first when the start lies within
 * the prefix). Redaction works line by line, so the result is byte for byte what redacting the whole file gives.
 */
final class IncrementalRedaction {
    private static final int BUFFER = 1 << 16;

    private IncrementalRedaction() {
    }

    /**
     * What the pass found beyond the prefix: the transcript's lines in all, what redacting the new ones did, the new
     * segment (up to the last complete line: a last line without its newline may still grow) and the content hash's
     * state at that segment's redacted end.
     */
    record Result(long lineCount, RedactionResult redaction, RedactedPrefix.Segment segment,
            Sha256.Midstate stableHash) {
    }

    static Result redactAfter(Path source, RedactedPrefix prefix, long start, Path redacted, TranscriptPass pass,
            Redactor redactor, LineHandoff handoff) throws IOException {
        RedactedPrefix.Segment end = prefix.end();
        // A pass that wants the first line wants every line (an external agent's binary reads the whole transcript,
        // in positions of its own), so it is handed the prefix too, not only the lines after the part's start.
        long replayFrom = pass.wants(1) ? 0 : start;
        if (replayFrom < end.lines()) {
            replay(redacted, prefix.before(replayFrom), replayFrom, pass, handoff);
        }
        RedactionResult redaction;
        long read;
        StableHashOutput out;
        try (FileChannel channel = FileChannel.open(source, StandardOpenOption.READ);
                CountingInput in = new CountingInput(new BufferedInputStream(Channels.newInputStream(
                        channel.position(end.sourceEnd())), BUFFER))) {
            out = new StableHashOutput(new BufferedOutputStream(Channels.newOutputStream(FileChannel.open(redacted,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS)), BUFFER),
                    prefix.stored().hash());
            try (out) {
                redaction = redactor.redactJsonl(in, out, (line, length, number) -> {
                    long lineNumber = end.lines() + number;
                    if (pass.wants(lineNumber) && !JsonLinesReader.isBlank(line, length)) {
                        handoff.accept(line, length, lineNumber);
                    }
                });
            }
            read = end.sourceEnd() + in.count;
        }
        long lineCount = end.lines() + redaction.linesIn();
        boolean whole = !out.pendingLine;
        long stableSource = whole ? read : afterLastNewline(source, end.sourceEnd(), read);
        RedactedPrefix.Segment segment = new RedactedPrefix.Segment(stableSource,
                RedactionCache.crc32c(source, end.sourceEnd(), stableSource),
                whole ? lineCount : lineCount - 1, out.stableHash.length());
        return new Result(lineCount, redaction, segment, out.stableHash);
    }

    /** Hands the pass the redacted lines after {@code start} up to the prefix's end, reading from {@code from}. */
    private static void replay(Path redacted, RedactedPrefix.Segment from, long start, TranscriptPass pass,
            LineHandoff handoff) throws IOException {
        try (FileChannel channel = FileChannel.open(redacted, StandardOpenOption.READ);
                InputStream in = Channels.newInputStream(channel.position(from.redactedEnd()))) {
            JsonLinesReader lines = new JsonLinesReader(in);
            long lineNumber = from.lines();
            while (lines.next()) {
                lineNumber++;
                if (lineNumber > start && pass.wants(lineNumber) && !lines.isBlank()) {
                    handoff.accept(lines.bytes(), lines.length(), lineNumber);
                }
            }
        }
    }

    /** Where the line after the last newline in [from, to) of the file starts; {@code from} when there is none. */
    private static long afterLastNewline(Path file, long from, long to) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (long blockEnd = to; blockEnd > from; ) {
                long blockStart = Math.max(from, blockEnd - BUFFER);
                buffer.clear().limit((int) (blockEnd - blockStart));
                while (buffer.hasRemaining() && channel.read(buffer, blockStart + buffer.position()) > 0) {
                    // reads until the block is full
                }
                for (int i = buffer.position() - 1; i >= 0; i--) {
                    if (buffer.get(i) == '\n') {
                        return blockStart + i + 1;
                    }
                }
                blockEnd = blockStart;
            }
        }
        return from;
    }

    /** Counts the bytes read through it. */
    private static final class CountingInput extends FilterInputStream {
        private long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int read = super.read(bytes, offset, length);
            count += Math.max(0, read);
            return read;
        }
    }

    /**
     * Hashes what is written through it and keeps the hash's state after the last newline: the redactor writes each
     * line's newline on its own, so that state is the one of the complete lines so far.
     */
    private static final class StableHashOutput extends FilterOutputStream {
        private final Sha256 sha256;
        private Sha256.Midstate stableHash;
        private boolean pendingLine;

        StableHashOutput(OutputStream out, Sha256.Midstate start) {
            super(out);
            this.sha256 = Sha256.resume(start);
            this.stableHash = start;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            sha256.update(new byte[] {(byte) b}, 0, 1);
            if (b == '\n') {
                stableHash = sha256.midstate();
                pendingLine = false;
            } else {
                pendingLine = true;
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            sha256.update(bytes, offset, length);
            if (length > 0) {
                pendingLine = true;
            }
        }
    }
}
