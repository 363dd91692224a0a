package io.entire.core.store;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.BatchReader;
import io.entire.core.git.GitRepository;
import io.entire.core.git.ObjectWriter;

/** The git workers a store uses (reader, writer, the codec over them), opened on first use and closed together. */
final class StoreWorkers implements AutoCloseable {
    private final GitRepository repository;
    private final TranscriptChunks chunks;
    private BatchReader reader;
    private ObjectWriter writer;
    private CheckpointTree codec;

    StoreWorkers(GitRepository repository, TranscriptChunks chunks) {
        this.repository = requireNonNull(repository, "repository is null");
        this.chunks = requireNonNull(chunks, "chunks is null");
    }

    CheckpointTree codec() {
        if (codec == null) {
            reader = repository.openReader();
            writer = repository.openWriter();
            codec = new CheckpointTree(reader, writer, chunks);
        }
        return codec;
    }

    BatchReader reader() {
        codec();
        return reader;
    }

    ObjectWriter writer() {
        codec();
        return writer;
    }

    TranscriptChunks chunks() {
        return chunks;
    }

    @Override
    public void close() {
        try {
            if (reader != null) {
                reader.close();
            }
        } finally {
            if (writer != null) {
                writer.close();
            }
        }
    }
}
