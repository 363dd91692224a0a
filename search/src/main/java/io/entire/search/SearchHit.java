package io.entire.search;

import static java.util.Objects.requireNonNull;

import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import io.entire.core.query.LinkedCommit;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One checkpoint that matched, with its best-matching message: the session and agent that message belongs to and
 * the commits that link the checkpoint.
 */
public record SearchHit(CheckpointId checkpointId, float score, Optional<Instant> createdAt, SessionId sessionId,
        Optional<String> agent, MessageRole role, Snippet snippet, List<LinkedCommit> commits) {
    public SearchHit {
        requireNonNull(checkpointId, "checkpointId is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(agent, "agent is null");
        requireNonNull(role, "role is null");
        requireNonNull(snippet, "snippet is null");
        commits = List.copyOf(commits);
    }
}
