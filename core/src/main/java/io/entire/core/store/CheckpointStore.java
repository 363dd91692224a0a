package io.entire.core.store;

import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One storage layout of checkpoints. A store holds git processes: one thread uses it, in try-with-resources.
 * Writes are compare-and-swap with bounded retry, so concurrent writers never lose a checkpoint.
 */
public interface CheckpointStore extends AutoCloseable {
    /** Which layout this is. */
    StoreKind kind();

    /** Adds a session to a checkpoint (creating it) or replaces the session's slot if it is already there. */
    WrittenCheckpoint write(CheckpointId id, SessionContent session, WriteKind kind);

    /** The checkpoint with this id, if this store has it. */
    Optional<StoredCheckpoint> find(CheckpointId id);

    /** The checkpoint this session was most recently written to, if any. */
    Optional<CheckpointId> findLatestForSession(SessionId session);

    /**
     * The checkpoints whose sessions record a link to a code commit ({@code linked_commit}), by the commit's full hex
     * id: the links {@code import} made without rewriting the commits.
     */
    Map<String, Set<CheckpointId>> recordedLinks();

    /** The ids of every checkpoint in the store, read from names alone; for prefix look-ups. */
    List<CheckpointId> ids();

    /** Every checkpoint in the store, newest first. */
    List<CheckpointListing> list();

    /**
     * The git reader and writer this store runs and the codec over them, for other work on the same repository in
     * the same operation; the store closes them, its borrowers must not.
     */
    StoreWorkers workers();

    /** Streams a session's raw transcript (chunks reassembled); every layout stores it the same way. */
    default void copyTranscript(StoredCheckpoint checkpoint, StoredSession session, OutputStream out) {
        workers().codec().copyTranscript(checkpoint.id(), session, out);
    }

    /** A small text file of a session slot ({@code prompt.txt}, {@code content_hash.txt}), if present. */
    default Optional<String> readText(StoredSession session, String name) {
        return workers().codec().readText(session, name);
    }

    @Override
    default void close() {
        workers().close();
    }
}
