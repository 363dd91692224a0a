package io.entire.core.migrate;

/** Receives progress of a long migration; the CLI draws it on a terminal and ignores it elsewhere. */
public interface MigrationProgress {
    MigrationProgress NONE = (done, total) -> { };

    void update(int done, int total);
}
