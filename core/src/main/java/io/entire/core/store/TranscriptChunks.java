package io.entire.core.store;

import io.entire.core.Background;
import io.entire.core.ScratchFiles;
import io.entire.core.Sha256;
import io.entire.core.git.ObjectId;
import io.entire.core.git.ObjectWriter;
import io.entire.core.git.TreeEntry;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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

    private final long limit;

    public TranscriptChunks(long limit) {
        if (limit < 2) {
            throw new IllegalArgumentException("chunk limit too small: " + limit);
        }
        this.limit = limit;
    }

    /** The blobs of one transcript, in order, and {@code sha256:<hex>} of the whole file. */
    public record Written(List<ObjectId> chunks, String contentHash) {
        public Written {
            chunks = List.copyOf(chunks);
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
        try {
            if (fitsOneBlob(transcript)) {
                // The common case needs no line boundaries: a loop over every byte costs a cold JVM ~20 ms per MB.
                // The hash is computed while git writes the blob: each takes ~10-14 ms per MB here.
                Background<String> hash = Background.start("content-hash", () -> contentHash(transcript));
                ObjectId blob = writer.writeBlob(transcript);
                return new Written(List.of(blob), hash.join());
            }
            List<long[]> ranges = new ArrayList<>();
            String hash = scan(transcript, ranges);
            List<ObjectId> blobs = new ArrayList<>(ranges.size());
            for (long[] range : ranges) {
                blobs.add(writeRange(transcript, range[0], range[1], writer));
            }
            return new Written(blobs, hash);
        } catch (IOException e) {
            throw new UncheckedIOException("reading transcript " + transcript, e);
        }
    }

    /** Hashes the file and records [start, end) of each chunk; the "\n" at a cut belongs to no chunk. */
    private String scan(Path file, List<long[]> ranges) throws IOException {
        Sha256 sha256 = new Sha256();
        byte[] buffer = new byte[1 << 16];
        long offset = 0;
        long chunkStart = 0;
        long lastNewline = -1;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                sha256.update(buffer, 0, read);
                for (int i = 0; i < read; i++, offset++) {
                    if (offset - chunkStart + 1 > limit) {
                        if (lastNewline < chunkStart) {
                            throw new TranscriptTooLargeException(file, limit);
                        }
                        ranges.add(new long[] {chunkStart, lastNewline});
                        chunkStart = lastNewline + 1;
                    }
                    if (buffer[i] == '\n') {
                        lastNewline = offset;
                    }
                }
            }
        }
        ranges.add(new long[] {chunkStart, offset});
        return sha256.contentHash();
    }

    private static String contentHash(Path file) {
        Sha256 sha256 = new Sha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
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
