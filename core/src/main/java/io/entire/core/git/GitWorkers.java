package io.entire.core.git;

import static java.util.Objects.requireNonNull;


/**
 * The reader and writer one operation shares, each started on first use (a hook that needs neither starts no process
 * for them). Single-threaded; close it when the operation is done.
 */
public final class GitWorkers implements AutoCloseable {
    private final GitRepository repository;
    private BatchReader reader;
    private ObjectWriter writer;

    public GitWorkers(GitRepository repository) {
        this.repository = requireNonNull(repository, "repository is null");
    }

    public BatchReader reader() {
        if (reader == null) {
            reader = repository.openReader();
        }
        return reader;
    }

    public ObjectWriter writer() {
        if (writer == null) {
            writer = repository.openWriter();
        }
        return writer;
    }

    @Override
    public void close() {
        try {
            if (writer != null) {
                writer.close();
            }
        } finally {
            if (reader != null) {
                reader.close();
            }
        }
    }
}
