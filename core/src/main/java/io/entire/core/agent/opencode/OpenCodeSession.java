package io.entire.core.agent.opencode;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;
import io.entire.core.json.JsonFormatException;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An OpenCode session as {@code opencode export} shapes it: {@code {"info": {"id": ...}, "messages": [{"info": ...,
 * "parts": [...]}]}}. Entire's plugin writes it on one line; OpenCode rewrites messages in place while a turn runs,
 * so a part of the session is cut by message index.
 */
record OpenCodeSession(Optional<String> sessionId, List<OpenCodeMessage> messages) {
    /** No session: what a pass holds until the document's line arrives. */
    static final OpenCodeSession EMPTY = new OpenCodeSession(Optional.empty(), List.of());

    OpenCodeSession {
        requireNonNull(sessionId, "sessionId is null");
        messages = List.copyOf(messages);
    }

    /** The session in {@code file}; a file that is not such a document is an {@link EntireException} naming it. */
    static OpenCodeSession read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new EntireException(EntireException.Category.STORAGE, "cannot read OpenCode session " + file + ": "
                    + e.getMessage(), e);
        }
        try {
            return parse(bytes);
        } catch (JsonFormatException e) {
            throw new EntireException(EntireException.Category.STORAGE, "OpenCode session " + file
                    + " is not the JSON `opencode export` writes: " + e.getMessage(), e);
        }
    }

    /** The session of an exported document; anything but a JSON object is a {@link JsonFormatException}. */
    static OpenCodeSession parse(byte[] json) {
        return of(new JsonReader().parseObject(json));
    }

    static OpenCodeSession of(JsonValue document) {
        String id = document.member("info").member("id").stringValue();
        List<OpenCodeMessage> messages = new ArrayList<>();
        for (JsonValue message : document.member("messages").elements()) {
            messages.add(OpenCodeMessage.of(message));
        }
        return new OpenCodeSession(id.isEmpty() ? Optional.empty() : Optional.of(id), messages);
    }

    /** The messages from {@code index} on (none past the end). */
    List<OpenCodeMessage> messagesFrom(int index) {
        return messages.subList(Math.min(index, messages.size()), messages.size());
    }
}
