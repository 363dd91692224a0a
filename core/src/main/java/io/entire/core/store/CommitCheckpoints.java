package io.entire.core.store;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.DatedCommit;
import io.entire.core.id.CheckpointId;
import java.util.List;

/** A code commit and the checkpoints it links (by its trailers, or as recorded by an import), first named first. */
public record CommitCheckpoints(DatedCommit commit, List<CheckpointId> checkpoints) {
    public CommitCheckpoints {
        requireNonNull(commit, "commit is null");
        checkpoints = List.copyOf(checkpoints);
        if (checkpoints.isEmpty()) {
            throw new IllegalArgumentException("commit " + commit.id() + " links no checkpoint");
        }
    }
}
