package io.entire.core.agent;

import io.entire.core.EntireException;
import io.entire.core.Environment;
import io.entire.core.agent.claudecode.ClaudeCode;
import io.entire.core.agent.codex.Codex;
import io.entire.core.agent.copilot.CopilotCli;
import io.entire.core.agent.external.ExternalAgents;
import io.entire.core.agent.gemini.GeminiCli;
import io.entire.core.agent.opencode.OpenCode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The agents this program records, by slug. An explicit list rather than a service lookup: a hook names its agent, and
 * asking for one loads that agent's class and no other.
 */
public final class Agents {
    /** The agent commands are about when none is named. */
    public static final String DEFAULT_SLUG = ClaudeCode.SLUG;
    private static final List<String> SLUGS = List.of(ClaudeCode.SLUG, Codex.SLUG, GeminiCli.SLUG,
            CopilotCli.SLUG, OpenCode.SLUG);

    private Agents() {
    }

    /** The agent for {@code slug} (or a built-in agent's alias), or empty when this version has none of that name. */
    public static Optional<Agent> find(String slug) {
        return switch (slug) {
            case ClaudeCode.SLUG -> Optional.of(new ClaudeCode());
            case Codex.SLUG -> Optional.of(new Codex());
            case GeminiCli.SLUG -> Optional.of(new GeminiCli());
            case CopilotCli.SLUG, CopilotCli.ALIAS -> Optional.of(new CopilotCli());
            case OpenCode.SLUG -> Optional.of(new OpenCode());
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

    /**
     * The agent for {@code slug}: a built-in one, else an external agent ({@code entire-agent-<slug>}) on
     * {@code environment}'s PATH.
     */
    public static Optional<Agent> find(String slug, Environment environment) {
        Optional<Agent> builtIn = find(slug);
        return builtIn.isPresent() ? builtIn : ExternalAgents.find(slug, Set.copyOf(SLUGS), environment);
    }

    /** The agent for {@code slug}; anything else is a usage error listing the supported ones. */
    public static Agent bySlug(String slug) {
        return require(slug, find(slug));
    }

    /** As {@link #bySlug(String)}, external agents on {@code environment}'s PATH included. */
    public static Agent bySlug(String slug, Environment environment) {
        return require(slug, find(slug, environment));
    }

    private static Agent require(String slug, Optional<Agent> found) {
        if (found.isEmpty()) {
            throw new EntireException(EntireException.Category.USAGE, "unknown agent '" + slug + "'; supported: "
                    + String.join(", ", SLUGS) + ", or an " + ExternalAgents.PREFIX + slug + " executable on PATH");
        }
        return found.get();
    }

    /** The external agents on {@code environment}'s PATH, usable or not (with the reason). */
    public static List<DiscoveredAgent> external(Environment environment) {
        return ExternalAgents.discover(Set.copyOf(SLUGS), environment);
    }

    /** Every built-in agent's slug, in the order {@code entire enable --help} lists them. */
    public static List<String> slugs() {
        return SLUGS;
    }
}
