package io.entire.core.agent;

import io.entire.core.EntireException;
import io.entire.core.agent.claudecode.ClaudeCode;
import io.entire.core.agent.codex.Codex;
import io.entire.core.agent.gemini.GeminiCli;
import java.util.List;
import java.util.Optional;

/**
 * The agents this program records, by slug. An explicit list rather than a service lookup: a hook names its agent, and
 * asking for one loads that agent's class and no other.
 */
public final class Agents {
    /** The agent commands are about when none is named. */
    public static final String DEFAULT_SLUG = ClaudeCode.SLUG;
    private static final List<String> SLUGS = List.of(ClaudeCode.SLUG, Codex.SLUG, GeminiCli.SLUG);

    private Agents() {
    }

    /** The agent for {@code slug}, or empty when this version has none of that name. */
    public static Optional<Agent> find(String slug) {
        return switch (slug) {
            case ClaudeCode.SLUG -> Optional.of(new ClaudeCode());
            case Codex.SLUG -> Optional.of(new Codex());
            case GeminiCli.SLUG -> Optional.of(new GeminiCli());
            default -> Optional.empty();
        };
    }

    /** The agent the Go tool's state files name by its display name ({@code agent_type}, e.g. "Claude Code"). */
    public static Optional<Agent> findByDisplayName(String displayName) {
        for (String slug : SLUGS) {
            Optional<Agent> agent = find(slug).filter(candidate -> candidate.displayName().equals(displayName));
            if (agent.isPresent()) {
                return agent;
            }
        }
        return Optional.empty();
    }

    /** The agent for {@code slug}; anything else is a usage error listing the supported ones. */
    public static Agent bySlug(String slug) {
        Optional<Agent> found = find(slug);
        if (found.isEmpty()) {
            throw new EntireException(EntireException.Category.USAGE, "unknown agent '" + slug + "'; supported: "
                    + String.join(", ", SLUGS));
        }
        return found.get();
    }

    /** Every agent's slug, in the order {@code entire enable --help} lists them. */
    public static List<String> slugs() {
        return SLUGS;
    }
}
