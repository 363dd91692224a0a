package io.entire.search;

import java.util.Locale;
import java.util.regex.Pattern;

/** The names of the index's fields, and of its two kinds of document. */
final class IndexFields {
    /** {@link #CHECKPOINT_DOCUMENT} or {@link #MESSAGE_DOCUMENT}. */
    static final String KIND = "kind";
    /** One per indexed checkpoint: its id and folder tree, so the next search knows what changed. */
    static final String CHECKPOINT_DOCUMENT = "checkpoint";
    /** One per prompt or transcript message. */
    static final String MESSAGE_DOCUMENT = "message";

    static final String CHECKPOINT = "checkpoint";
    static final String FOLDER = "folder";
    static final String SESSION = "session";
    /** The agent's name folded to a slug, for filtering; {@link #AGENT_NAME} keeps it as stored. */
    static final String AGENT = "agent";
    static final String AGENT_NAME = "agent_name";
    static final String CREATED = "created";
    /** Each file a session touched, and each folder above it. */
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
