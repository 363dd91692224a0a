package io.entire.core.store;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.GitRepository;
import io.entire.core.id.CheckpointId;
import java.util.List;
import java.util.Optional;

/**
 * The stores a repository uses, built in one place: the primary, which every write must reach, and reads routed
 * to the store that has the checkpoint. Owns the stores' git processes; close it when done.
 */
public final class StoreSet implements AutoCloseable {
    private final CheckpointStore primary;

    private StoreSet(CheckpointStore primary) {
        this.primary = requireNonNull(primary, "primary is null");
    }

    /** The stores for a repository; today the v1 branch is the only layout, so it is the primary. */
    public static StoreSet open(GitRepository repository, String cliVersion) {
        return new StoreSet(new BranchStore(repository, cliVersion, new TranscriptChunks(TranscriptChunks.DEFAULT_LIMIT)));
    }

    /** The store every write goes to first. */
    public CheckpointStore primary() {
        return primary;
    }

    /** The checkpoint and the store that answered, trying each store in read order. */
    public Optional<Located> find(CheckpointId id) {
        return primary.find(id).map(checkpoint -> new Located(checkpoint, primary));
    }

    /** Every checkpoint id any store knows, for prefix look-ups. */
    public List<CheckpointId> ids() {
        return primary.ids();
    }

    public List<CheckpointListing> list() {
        return primary.list();
    }

    /** A checkpoint together with the store it was read from, which serves its transcripts. */
    public record Located(StoredCheckpoint checkpoint, CheckpointStore store) {
        public Located {
            requireNonNull(checkpoint, "checkpoint is null");
            requireNonNull(store, "store is null");
        }
    }

    @Override
    public void close() {
        primary.close();
    }
}
