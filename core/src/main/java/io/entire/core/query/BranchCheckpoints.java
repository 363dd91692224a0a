package io.entire.core.query;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.GitRepository;
import io.entire.core.git.LoggedCommit;
import io.entire.core.id.CheckpointId;
import io.entire.core.trailers.Trailers;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The checkpoints a branch's history links: every trailer of every commit reachable from it, squashed ones too. */
public final class BranchCheckpoints {
    private final GitRepository repository;

    public BranchCheckpoints(GitRepository repository) {
        this.repository = requireNonNull(repository, "repository is null");
    }

    /** The ids linked from {@code branch} (any revision); a name git does not know is a {@link NotFoundException}. */
    public Set<CheckpointId> linkedFrom(String branch) {
        if (repository.findCommit(branch).isEmpty()) {
            throw new NotFoundException("'" + branch + "' is neither a branch nor a commit");
        }
        Set<CheckpointId> linked = new HashSet<>();
        for (LoggedCommit commit : repository.commitsMentioning(Trailers.CHECKPOINT_KEY + ":", List.of(branch))) {
            linked.addAll(Trailers.checkpointIds(commit.message()));
        }
        return linked;
    }
}
