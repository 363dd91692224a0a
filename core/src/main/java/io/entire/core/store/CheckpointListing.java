package io.entire.core.store;

import static java.util.Objects.requireNonNull;

import io.entire.core.id.CheckpointId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One line of {@code checkpoint list}: what can be learnt from metadata alone, without reading transcripts.
 * {@code problem} says why a checkpoint whose root metadata is missing or unreadable shows less.
 */
public record CheckpointListing(CheckpointId id, Optional<Instant> createdAt, Optional<String> branch,
        int sessionCount, List<String> filesTouched, Optional<String> firstPrompt, Optional<String> problem) {
    public CheckpointListing {
        requireNonNull(id, "id is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(branch, "branch is null");
        if (sessionCount < 0) {
            throw new IllegalArgumentException("checkpoint " + id + ": negative session count");
        }
        filesTouched = List.copyOf(filesTouched);
        requireNonNull(firstPrompt, "firstPrompt is null");
        requireNonNull(problem, "problem is null");
    }

    /** Newest first (a listing without a creation time counts as the oldest), then by id. */
    public static int newestFirst(CheckpointListing one, CheckpointListing other) {
        int byTime = other.createdAt.orElse(Instant.EPOCH).compareTo(one.createdAt.orElse(Instant.EPOCH));
        return byTime != 0 ? byTime : one.id.compareTo(other.id);
    }
}
