package io.entire.core.agent;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * An external agent's binary found on PATH ({@code entire-agent-<slug>}): the agent, or why the binary cannot be used.
 *
 * @param slug the name after the prefix, what {@code --agent} takes
 * @param binary the executable
 * @param agent the agent it speaks for, when usable
 * @param problem why it is not usable, or empty
 */
public record DiscoveredAgent(String slug, Path binary, Optional<Agent> agent, String problem) {
    public DiscoveredAgent {
        requireNonNull(slug, "slug is null");
        requireNonNull(binary, "binary is null");
        requireNonNull(agent, "agent is null");
        requireNonNull(problem, "problem is null");
        if (agent.isPresent() == !problem.isEmpty()) {
            throw new IllegalArgumentException("an external agent is either usable or has a problem: " + slug);
        }
    }
}
