package io.entire.core.agent;

import io.entire.core.id.InvalidIdException;
import io.entire.core.id.SessionId;
import io.entire.core.json.JsonFormatException;
import io.entire.core.json.JsonNull;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reading an agent's hook payload, whatever its member names: what does not parse, lacks a valid session id, or has
 * a member the hooks read as text holding something else (null aside) is an {@link InvalidHookPayloadException},
 * raised before anything is written. Such a member is not read as absent: the agent did not mean to send it.
 */
public final class PayloadJson {
    private PayloadJson() {
    }

    /** The payload's object, its {@code textMembers} checked to be strings where present. */
    public static JsonObject parse(byte[] json, String... textMembers) {
        JsonObject object;
        try {
            object = new JsonReader().parseObject(json);
        } catch (JsonFormatException e) {
            throw new InvalidHookPayloadException(e.getMessage());
        }
        for (String member : textMembers) {
            Optional<JsonValue> value = object.find(member);
            if (value.isPresent() && !(value.get() instanceof JsonString) && !(value.get() instanceof JsonNull)) {
                throw new InvalidHookPayloadException(member + " is " + value.get().kind() + ", not a string");
            }
        }
        return object;
    }

    /** The session id in {@code member}, which must be there and valid. */
    public static SessionId sessionId(JsonObject object, String member) {
        Optional<String> session = object.findString(member);
        if (session.isEmpty()) {
            throw new InvalidHookPayloadException("no " + member);
        }
        try {
            return SessionId.of(session.get());
        } catch (InvalidIdException e) {
            throw new InvalidHookPayloadException(e.getMessage());
        }
    }

    /** An absolute path; a blank or relative one counts as none, one that is no path is invalid. */
    public static Optional<Path> absolutePath(JsonObject object, String member) {
        Optional<String> text = object.findString(member);
        if (text.isEmpty() || text.get().isBlank()) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(text.get());
            return path.isAbsolute() ? Optional.of(path) : Optional.empty();
        } catch (InvalidPathException e) {
            throw new InvalidHookPayloadException(member + " is not a path: " + e.getMessage());
        }
    }
}
