package io.entire.search;

import java.util.Locale;

/** Who said an indexed text: a prompt recorded for the session, or a message of its transcript. */
public enum MessageRole {
    PROMPT,
    USER,
    ASSISTANT;

    /** The lower-case name shown to users and stored in the index. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static MessageRole fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
