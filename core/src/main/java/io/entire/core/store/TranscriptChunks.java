package io.entire.core.store;

import static java.util.Objects.requireNonNull;

import io.entire.core.Background;
import io.entire.core.ScratchFiles;
import io.entire.core.Sha256;
import io.entire.core.git.ObjectId;
import io.entire.core.git.ObjectWriter;
import io.entire.core.git.TreeEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits a raw transcript into blobs of at most {@code limit} bytes on line boundaries (FORMATS.md 2: chunk i > 0 is
 * {@code <base>.%03d}, reassembly joins with "\n") and computes the content hash of the whole file on the way.
 */
public final class TranscriptChunks {
    /** 50 MiB, the limit of the Go implementation (and of blob sizes forges accept comfortably). */
    public static final long DEFAULT_LIMIT = 50L * 1024 * 1024;

    private static final int SEARCH_BLOCK = 1 << 16;

    private final long limit;

    public TranscriptChunks(long limit) {
        if (limit < 2) {
            throw new IllegalArgumentException("chunk limit too small: " + limit);
        }
        this.limit = limit;
    }

    /** The most bytes one chunk holds. */
    public long limit() {
        return limit;
    }

    /** One chunk: the bytes [start, end) of the file, stored as {@code blob}. */
    public record Chunk(long start, long end, ObjectId blob) {
        public Chunk {
            requireNonNull(blob, "blob is null");
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("chunk range [" + start + ", " + end + ") of blob " + blob);
            }
        }
    }

    /** The chunks of one transcript, in order, and {@code sha256:<hex>} of the whole file. */
    public record Written(List<Chunk> parts, String contentHash) {
        public Written {
            parts = List.copyOf(parts);
            requireNonNull(contentHash, "contentHash is null");
        }

        /** The chunks' blobs, in order. */
        public List<ObjectId> chunks() {
            return parts.stream().map(Chunk::blob).toList();
        }
    }

    public boolean fitsOneBlob(Path file) {
        try {
            return Files.size(file) <= limit;
        } catch (IOException e) {
            throw new UncheckedIOException("reading the size of " + file, e);
        }
    }

    public Written write(Path transcript, ObjectWriter writer) {
        return write(transcript, TranscriptPrefix.NONE, writer);
    }

    /**
     * Writes the chunks of {@code transcript} that {@code known} does not hold already, and hashes the bytes after
     * it: the same chunks and hash as a write of the whole file, for the cost of what follows the known prefix.
     */
    public Written write(Path transcript, TranscriptPrefix known, ObjectWriter writer) {
        requireNonNull(known, "known is null");
        try {
            long size = Files.size(transcript);
            if (size < known.length()) {
                throw new IllegalArgumentException("transcript " + transcript + " has " + size
                        + " bytes, fewer than the " + known.length() + " its known prefix holds");
            }
            if (known.chunks().isEmpty() && size <= limit) {
                // The common case needs no line boundaries: a loop over every byte costs a cold JVM ~20 ms per MB.
                // The hash is computed while git writes the blob: each takes ~10-14 ms per MB here.
                Background<String> hash = Background.start("content-hash", () -> contentHash(transcript, known));
                ObjectId blob = writer.writeBlob(transcript);
                return new Written(List.of(new Chunk(0, size, blob)), hash.join());
            }
            // Only the bytes after the known prefix are hashed, and a cut is found by looking back from the byte
            // that decides it: the open chunk is not read here, whatever its size.
            Background<String> hash = Background.start("content-hash", () -> contentHash(transcript, known));
            List<Chunk> parts = new ArrayList<>(known.chunks());
            try {
                for (long[] range : ranges(transcript, known.nextChunkStart(), size)) {
                    parts.add(new Chunk(range[0], range[1], writeRange(transcript, range[0], range[1], writer)));
                }
            } finally {
                hash.awaitEnd();
            }
            return new Written(parts, hash.join());
        } catch (IOException e) {
            throw new UncheckedIOException("reading transcript " + transcript, e);
        }
    }

    /**
     * What a later write of the file, grown at its end, may take from this one: the chunks of {@code written} that
     * end before a byte of the first {@code stable.length()} (a cut is decided by the byte {@code limit} after the
     * chunk's start, so only a chunk whose deciding byte is stable is final), with {@code stable} as the hash.
     */
    public TranscriptPrefix prefix(Written written, Sha256.Midstate stable) {
        List<Chunk> closed = new ArrayList<>();
        for (Chunk chunk : written.parts()) {
            if (chunk.start() + limit >= stable.length()) {
                break;
            }
            closed.add(chunk);
        }
        return new TranscriptPrefix(stable, closed);
    }

    /**
     * The [start, end) of each chunk from {@code chunkStart} to {@code size}: a chunk ends at the last newline before
     * the byte {@code limit} after its start (that "\n" belongs to no chunk) whenever the file goes on past it.
     */
    private List<long[]> ranges(Path file, long chunkStart, long size) throws IOException {
        List<long[]> ranges = new ArrayList<>();
        long start = chunkStart;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(SEARCH_BLOCK);
            while (size - start > limit) {
                long newline = lastNewline(channel, start, start + limit, buffer);
                if (newline < 0) {
                    throw new TranscriptTooLargeException(file, limit);
                }
                ranges.add(new long[] {start, newline});
                start = newline + 1;
            }
        }
        ranges.add(new long[] {start, size});
        return ranges;
    }

    /** The position of the last '\n' in the bytes [from, to) of the file; -1 when there is none. */
    private static long lastNewline(FileChannel channel, long from, long to, ByteBuffer buffer) throws IOException {
        for (long blockEnd = to; blockEnd > from; ) {
            long blockStart = Math.max(from, blockEnd - buffer.capacity());
            buffer.clear().limit((int) (blockEnd - blockStart));
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, blockStart + buffer.position()) < 0) {
                    throw new IOException("the file ends before byte " + blockEnd);
                }
            }
            for (int i = buffer.position() - 1; i >= 0; i--) {
                if (buffer.get(i) == '\n') {
                    return blockStart + i;
                }
            }
            blockEnd = blockStart;
        }
        return -1;
    }

    private static String contentHash(Path file, TranscriptPrefix known) {
        Sha256 sha256 = Sha256.resume(known.hash());
        byte[] buffer = new byte[1 << 16];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                InputStream in = Channels.newInputStream(channel.position(known.length()))) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                sha256.update(buffer, 0, read);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("hashing transcript " + file, e);
        }
        return sha256.contentHash();
    }

    private static ObjectId writeRange(Path file, long start, long end, ObjectWriter writer) throws IOException {
        Path chunk = ScratchFiles.create("entire-chunk", ".jsonl");
        try (FileChannel source = FileChannel.open(file, StandardOpenOption.READ);
                FileChannel target = FileChannel.open(chunk, StandardOpenOption.WRITE)) {
            long position = start;
            while (position < end) {
                position += source.transferTo(position, end - position, target);
            }
        }
        try {
            return writer.writeBlob(chunk);
        } finally {
            Files.deleteIfExists(chunk);
        }
    }

    /** The name of chunk i: the base name for the first, {@code base.001} and on after it. */
    public static String chunkName(String base, int index) {
        if (index == 0) {
            return base;
        }
        // Zero-padded to three digits by hand: String.format's first call costs a command ~4.5 ms (its Formatter).
        String digits = Integer.toString(index);
        return base + "." + "000".substring(Math.min(3, digits.length())) + digits;
    }

    /** The blobs of a chunked file present in a folder, in order; empty when the base file is missing. */
    public static List<ObjectId> parts(Map<String, TreeEntry> files, String base) {
        List<ObjectId> parts = new ArrayList<>();
        for (int i = 0; files.containsKey(chunkName(base, i)); i++) {
            parts.add(files.get(chunkName(base, i)).id());
        }
        return parts;
    }
}
