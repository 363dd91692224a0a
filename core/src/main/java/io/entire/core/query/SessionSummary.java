package io.entire.core.query;

import static java.util.Objects.requireNonNull;

import io.entire.core.agent.Agent;
import io.entire.core.id.SessionId;
import io.entire.core.session.SessionPhase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** One live session as {@code entire status} shows it: where, which agent, since when, what it has done. */
public record SessionSummary(SessionId sessionId, Agent agent, SessionPhase phase, Path worktree,
        Instant startedAt, Instant updatedAt, String firstPrompt, int steps, List<String> files) {
    public SessionSummary {
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(agent, "agent is null");
        requireNonNull(phase, "phase is null");
        requireNonNull(worktree, "worktree is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
        requireNonNull(firstPrompt, "firstPrompt is null");
        files = List.copyOf(files);
    }
}
