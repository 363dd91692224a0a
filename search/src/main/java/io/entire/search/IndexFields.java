package io.entire.search;

import java.util.Locale;
import java.util.regex.Pattern;

/** The names of the index's fields, and the kind of document that is not a message. */
final class IndexFields {
    /**
     * Marks the one document per indexed checkpoint that holds its id and folder tree, so the next search knows what
     * changed. The others, one per prompt or transcript message, have no kind: only they have {@link #TEXT}, so a
     * query of it never finds a checkpoint's own document.
     */
    static final String KIND = "kind";
    static final String CHECKPOINT_DOCUMENT = "checkpoint";

    static final String CHECKPOINT = "checkpoint";
    static final String FOLDER = "folder";
    static final String SESSION = "session";
    /** The agent's name folded to a slug, for filtering; {@link #AGENT_NAME} keeps it as stored. */
    static final String AGENT = "agent";
    static final String AGENT_NAME = "agent_name";
    static final String CREATED = "created";
    /** Each file a session touched; a folder is found by the prefix of its files. */
    static final String FILE = "file";
    static final String ROLE = "role";
    static final String TEXT = "text";

    private static final Pattern SLUG_SEPARATORS = Pattern.compile("[\\s_]+");

    private IndexFields() {
    }

    /** {@code Claude Code} and {@code claude-code} alike become {@code claude-code}. */
    static String agentSlug(String agent) {
        return SLUG_SEPARATORS.matcher(agent.strip().toLowerCase(Locale.ROOT)).replaceAll("-");
    }
}
