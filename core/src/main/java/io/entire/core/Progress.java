package io.entire.core;

/**
 * Receives how far a long run (a migration, a push, a reindex, a verify) has come, in the items it works through;
 * the command line draws it on a terminal and ignores it elsewhere. Called on the working thread.
 */
@FunctionalInterface
public interface Progress {
    /** For callers no person watches, such as hooks. */
    Progress NONE = (done, total) -> { };

    /** {@code done} of {@code total} items are finished. */
    void update(int done, int total);
}
