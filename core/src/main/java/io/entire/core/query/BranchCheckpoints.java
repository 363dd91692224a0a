package io.entire.core.query;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.GitRepository;
import io.entire.core.id.CheckpointId;
import io.entire.core.store.CommitCheckpoints;
import io.entire.core.store.CommitLinks;
import io.entire.core.store.StoreSet;
import java.util.HashSet;
import java.util.Set;

/**
 * The checkpoints a branch's history links: every trailer of every commit reachable from it, squashed ones too, and
 * the links an import recorded for its commits.
 */
public final class BranchCheckpoints {
    private final GitRepository repository;
    private final StoreSet stores;

    public BranchCheckpoints(GitRepository repository, StoreSet stores) {
        this.repository = requireNonNull(repository, "repository is null");
        this.stores = requireNonNull(stores, "stores is null");
    }

    /** The ids linked from {@code branch} (any revision); a name git does not know is a {@link NotFoundException}. */
    public Set<CheckpointId> linkedFrom(String branch) {
        if (repository.findCommit(branch).isEmpty()) {
            throw new NotFoundException("'" + branch + "' is neither a branch nor a commit");
        }
        Set<CheckpointId> linked = new HashSet<>();
        for (CommitCheckpoints commit : new CommitLinks(repository, stores).inRange(branch)) {
            linked.addAll(commit.checkpoints());
        }
        return linked;
    }
}
