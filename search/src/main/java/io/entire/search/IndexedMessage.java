package io.entire.search;

import static java.util.Objects.requireNonNull;

/** One text the index holds for a session: a prompt, or the text of a transcript message. */
record IndexedMessage(MessageRole role, String text) {
    IndexedMessage {
        requireNonNull(role, "role is null");
        requireNonNull(text, "text is null");
    }
}
