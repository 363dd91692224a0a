package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.BatchReader;
import io.entire.core.git.GitRepository;
import io.entire.core.git.ObjectWriter;

/**
 * The reader and writer one capture operation shares, each started on first use (a hook that needs neither starts no
 * process for them). Single-threaded; close it when the operation is done.
 */
final class GitWorkers implements AutoCloseable {
    private final GitRepository repository;
    private BatchReader reader;
    private ObjectWriter writer;

    GitWorkers(GitRepository repository) {
        this.repository = requireNonNull(repository, "repository is null");
    }

    BatchReader reader() {
        if (reader == null) {
            reader = repository.openReader();
        }
        return reader;
    }

    ObjectWriter writer() {
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
