package io.entire.core.store;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.BatchReader;
import io.entire.core.git.GitRepository;
import io.entire.core.git.GitWorkers;
import io.entire.core.git.ObjectWriter;

/** A store's git workers and the codec over them, opened on first use and closed together. */
final class StoreWorkers implements AutoCloseable {
    private final GitWorkers git;
    private final TranscriptChunks chunks;
    private CheckpointTree codec;

    StoreWorkers(GitRepository repository, TranscriptChunks chunks) {
        this.git = new GitWorkers(requireNonNull(repository, "repository is null"));
        this.chunks = requireNonNull(chunks, "chunks is null");
    }

    CheckpointTree codec() {
        if (codec == null) {
            codec = new CheckpointTree(git.reader(), git.writer(), chunks);
        }
        return codec;
    }

    GitWorkers git() {
        return git;
    }

    BatchReader reader() {
        return git.reader();
    }

    ObjectWriter writer() {
        return git.writer();
    }

    TranscriptChunks chunks() {
        return chunks;
    }

    @Override
    public void close() {
        git.close();
    }
}
