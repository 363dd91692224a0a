package io.entire.search;

import io.entire.core.git.GitRepository;
import io.entire.core.git.LoggedCommit;
import io.entire.core.id.CheckpointId;
import io.entire.core.query.LinkedCommit;
import io.entire.core.trailers.Trailers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The code commits whose trailers name some checkpoints, from one {@code git log} over branches, tags and HEAD. */
final class LinkedCommits {
    private static final List<String> CODE_HISTORY = List.of("--exclude=refs/heads/entire/*", "--branches", "--tags",
            "--remotes", "HEAD");

    private LinkedCommits() {
    }

    static Map<CheckpointId, List<LinkedCommit>> of(GitRepository repository, Set<CheckpointId> checkpoints) {
        Map<CheckpointId, List<LinkedCommit>> linked = new HashMap<>();
        if (checkpoints.isEmpty()) {
            return linked;
        }
        for (LoggedCommit commit : repository.commitsMentioning(Trailers.CHECKPOINT_KEY + ":", CODE_HISTORY)) {
            for (CheckpointId id : Trailers.checkpointIds(commit.message())) {
                if (checkpoints.contains(id)) {
                    linked.computeIfAbsent(id, key -> new ArrayList<>()).add(new LinkedCommit(commit.id(),
                            commit.message().lines().findFirst().orElse("")));
                }
            }
        }
        return linked;
    }
}
