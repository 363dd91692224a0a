package io.entire.core.setup;

import static java.util.Objects.requireNonNull;

/**
 * One agent {@code entire agent list} shows.
 *
 * @param slug what {@code --agent} takes
 * @param displayName the name stored in checkpoints
 * @param external whether an {@code entire-agent-<slug>} binary on PATH speaks for it
 * @param hooksInstalled whether its hooks are in this work tree
 * @param problem why it cannot be used (an external binary that fails), or empty
 */
public record AgentHooksState(String slug, String displayName, boolean external, boolean hooksInstalled,
        String problem) {
    public AgentHooksState {
        requireNonNull(slug, "slug is null");
        requireNonNull(displayName, "displayName is null");
        requireNonNull(problem, "problem is null");
    }
}
