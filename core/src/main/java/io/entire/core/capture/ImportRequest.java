package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.agent.Agent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@code import} looks through: the past sessions of {@code agents}, in that order, and with {@code since} only
 * those whose last message is at or after it.
 */
public record ImportRequest(List<Agent> agents, Optional<Instant> since) {
    public ImportRequest {
        agents = List.copyOf(agents);
        if (agents.isEmpty()) {
            throw new IllegalArgumentException("an import looks through at least one agent's sessions");
        }
        requireNonNull(since, "since is null");
    }
}
