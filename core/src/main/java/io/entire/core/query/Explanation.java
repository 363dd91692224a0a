package io.entire.core.query;

import static java.util.Objects.requireNonNull;

import io.entire.core.id.CheckpointId;
import io.entire.core.model.TokenUsage;
import io.entire.core.store.StoreKind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Why code changed: a checkpoint's summary, its sessions, the commits that link to it, and which store answered.
 * {@code otherCheckpoints} lists further checkpoints the explained commit links to (squashed commits carry several).
 */
public record Explanation(CheckpointId checkpointId, StoreKind store, Optional<Instant> createdAt,
        Optional<String> branch, List<String> filesTouched, Optional<TokenUsage> tokenUsage,
        List<SessionExplanation> sessions, List<LinkedCommit> commits, List<CheckpointId> otherCheckpoints) {
    public Explanation {
        requireNonNull(checkpointId, "checkpointId is null");
        requireNonNull(store, "store is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(branch, "branch is null");
        filesTouched = List.copyOf(filesTouched);
        requireNonNull(tokenUsage, "tokenUsage is null");
        sessions = List.copyOf(sessions);
        commits = List.copyOf(commits);
        otherCheckpoints = List.copyOf(otherCheckpoints);
    }
}
