package io.entire.core.store;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.BatchReader;
import io.entire.core.git.GitRepository;
import io.entire.core.git.GitWorkers;
import io.entire.core.git.ObjectWriter;

/** A store's git workers and the codec over them, opened on first use and closed together. */
public final class StoreWorkers implements AutoCloseable {
    private final GitWorkers git;
    private final TranscriptChunks chunks;
    private CheckpointTree codec;

    public StoreWorkers(GitRepository repository, TranscriptChunks chunks) {
        this.git = new GitWorkers(requireNonNull(repository, "repository is null"));
        this.chunks = requireNonNull(chunks, "chunks is null");
    }

    public CheckpointTree codec() {
        if (codec == null) {
            codec = new CheckpointTree(git.reader(), git.writer(), chunks);
        }
        return codec;
    }

    public GitWorkers git() {
        return git;
    }

    public BatchReader reader() {
        return git.reader();
    }

    public ObjectWriter writer() {
        return git.writer();
    }

    public TranscriptChunks chunks() {
        return chunks;
    }

    @Override
    public void close() {
        git.close();
    }
}
