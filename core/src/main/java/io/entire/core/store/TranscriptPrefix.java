package io.entire.core.store;

import static java.util.Objects.requireNonNull;

import io.entire.core.Sha256;
import java.util.List;

/**
 * What an earlier write learnt of a transcript's first {@link #length} bytes, so that a write of the same file grown
 * at its end reads only what follows them: the content hash's state after those bytes, and the chunks that lie wholly
 * within them, final because each was cut before a byte the prefix holds. The caller vouches that the file still
 * starts with exactly those bytes.
 */
public record TranscriptPrefix(Sha256.Midstate hash, List<TranscriptChunks.Chunk> chunks) {
    /** Nothing known: the whole file is read. */
    public static final TranscriptPrefix NONE = new TranscriptPrefix(Sha256.Midstate.initial(), List.of());

    public TranscriptPrefix {
        requireNonNull(hash, "hash is null");
        chunks = List.copyOf(chunks);
        long next = 0;
        for (TranscriptChunks.Chunk chunk : chunks) {
            if (chunk.start() != next || chunk.end() >= hash.length()) {
                throw new IllegalArgumentException("chunk " + chunk + " does not follow the one before it at " + next
                        + " within a prefix of " + hash.length() + " bytes");
            }
            next = chunk.end() + 1;   // the newline at a cut belongs to no chunk
        }
    }

    /** How many leading bytes of the file this describes. */
    public long length() {
        return hash.length();
    }

    /** Where the first chunk not known yet starts. */
    long nextChunkStart() {
        return chunks.isEmpty() ? 0 : chunks.get(chunks.size() - 1).end() + 1;
    }
}
