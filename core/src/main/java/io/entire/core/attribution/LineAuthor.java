package io.entire.core.attribution;

import java.util.Locale;

/** Who wrote a line, judged by comparing it with what the agent of the linked checkpoint recorded writing. */
public enum LineAuthor {
    /** The line is, as committed, text the agent wrote into this file. */
    AGENT,
    /** The agent wrote a line like it into this file, and a person changed it before the commit. */
    HUMAN_EDITED,
    /** The commit links no checkpoint, or the agent wrote nothing like this line into the file. */
    HUMAN,
    /** The line is in the work tree only. */
    NOT_COMMITTED;

    /** {@code agent}, {@code human_edited}, {@code human}, {@code not_committed}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
