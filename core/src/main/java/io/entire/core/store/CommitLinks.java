package io.entire.core.store;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.DatedCommit;
import io.entire.core.git.GitRepository;
import io.entire.core.git.ObjectId;
import io.entire.core.git.RangeLog;
import io.entire.core.id.CheckpointId;
import io.entire.core.trailers.Trailers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which checkpoints a code commit has: those its {@code Entire-Checkpoint} trailers name, or, for a commit without
 * one, those {@code import} recorded for it ({@code linked_commit}, found by one {@code git log} of the stores when
 * such a commit first asks). One thread; build one per query, since the stores may gain links between queries.
 */
public final class CommitLinks {
    private final GitRepository repository;
    private final StoreSet stores;
    private final Map<ObjectId, List<CheckpointId>> recorded = new HashMap<>();
    private boolean recordedRead;

    public CommitLinks(GitRepository repository, StoreSet stores) {
        this.repository = requireNonNull(repository, "repository is null");
        this.stores = requireNonNull(stores, "stores is null");
    }

    /** The checkpoints the commit with this message links, first named first; none when nothing links it. */
    public List<CheckpointId> of(ObjectId commit, String message) {
        requireNonNull(commit, "commit is null");
        List<CheckpointId> byTrailer = Trailers.checkpointIds(message);
        return byTrailer.isEmpty() ? recorded().getOrDefault(commit, List.of()) : byTrailer;
    }

    /**
     * The commits of {@code range} (anything {@code git log} takes) that link checkpoints, oldest first: one
     * {@code git log --grep} for the trailers, or, once an import recorded links, one {@code git log} of every commit
     * of the range. A range git does not know is a {@link io.entire.core.git.RangeException}.
     */
    public List<CommitCheckpoints> inRange(String range) {
        List<DatedCommit> commits = recorded().isEmpty()
                ? RangeLog.mentioning(repository, range, Trailers.CHECKPOINT_KEY + ":")
                : RangeLog.all(repository, range);
        List<CommitCheckpoints> linked = new ArrayList<>();
        for (DatedCommit commit : commits) {
            List<CheckpointId> ids = of(commit.id(), commit.message());
            if (!ids.isEmpty()) {
                linked.add(new CommitCheckpoints(commit, ids));
            }
        }
        return linked;
    }

    private Map<ObjectId, List<CheckpointId>> recorded() {
        if (!recordedRead) {
            stores.recordedLinks().forEach((commit, ids) -> recorded.put(ObjectId.of(commit), List.copyOf(ids)));
            recordedRead = true;
        }
        return recorded;
    }
}
