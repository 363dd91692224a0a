package io.entire.core.agent;

import io.entire.core.EntireException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The agents this program can record, by the slug users type and the name stored in metadata. */
public enum AgentKind {
    CLAUDE_CODE("claude-code", "Claude Code");

    private final String slug;
    private final String displayName;

    AgentKind(String slug, String displayName) {
        this.slug = slug;
        this.displayName = displayName;
    }

    public String slug() {
        return slug;
    }

    public String displayName() {
        return displayName;
    }

    /** The agent for a slug; anything else is a usage error listing the supported ones. */
    public static AgentKind fromSlug(String slug) {
        for (AgentKind kind : values()) {   // a loop, not a stream: hooks call this, and streams cost 1 ms to start
            if (kind.slug.equals(slug)) {
                return kind;
            }
        }
        throw new EntireException(EntireException.Category.USAGE, "unknown agent '" + slug + "'; supported: "
                + Arrays.stream(values()).map(AgentKind::slug).collect(Collectors.joining(", ")));
    }
}
