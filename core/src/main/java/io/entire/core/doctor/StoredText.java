package io.entire.core.doctor;

import io.entire.core.store.CheckpointTree;
import io.entire.core.store.v2.V2Store;
import java.util.Optional;

/** How today's redaction reads each file of a stored checkpoint folder, by the file's name. */
enum StoredText {
    /** Transcripts, their chunks, compact and subagent transcripts: one JSON value per line, as they were stored. */
    JSONL,
    /** Pretty-printed metadata: line by line too, so that a redacted line is still part of the same JSON. */
    JSON,
    /** Prompts and legacy context: redacted whole, as the writer redacts prompts. */
    TEXT,
    /** A hash of another file, written again when that file changes. */
    HASH,
    /** Anything else is left as it is. */
    OTHER;

    static StoredText of(String name) {
        if (name.equals(CheckpointTree.CONTENT_HASH) || name.equals(V2Store.RAW_HASH)
                || name.equals(V2Store.COMPACT_HASH)) {
            return HASH;
        }
        if (name.endsWith(".jsonl") || name.equals(CheckpointTree.LEGACY_TRANSCRIPT) || chunkedBase(name).isPresent()) {
            return JSONL;
        }
        if (name.endsWith(".json")) {
            return JSON;
        }
        return name.equals(CheckpointTree.PROMPT) || name.equals(CheckpointTree.CONTEXT) ? TEXT : OTHER;
    }

    /** The transcript a hash file hashes: {@code full.jsonl} for {@code content_hash.txt}, and so on. */
    static String hashed(String hashFile) {
        return switch (hashFile) {
            case CheckpointTree.CONTENT_HASH -> CheckpointTree.TRANSCRIPT;
            case V2Store.RAW_HASH -> V2Store.RAW;
            case V2Store.COMPACT_HASH -> CheckpointTree.COMPACT_TRANSCRIPT;
            default -> throw new IllegalArgumentException("not a hash file: " + hashFile);
        };
    }

    /** The transcript a chunk belongs to: {@code full.jsonl} for {@code full.jsonl.002}. */
    static Optional<String> chunkedBase(String name) {
        for (String base : new String[] {CheckpointTree.TRANSCRIPT, V2Store.RAW}) {
            if (name.equals(base) || name.matches("\\Q" + base + "\\E\\.[0-9]{3,}")) {
                return Optional.of(base);
            }
        }
        return Optional.empty();
    }
}
