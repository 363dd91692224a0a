package io.entire.core.agent;

import static java.util.Objects.requireNonNull;

import io.entire.core.id.InvalidIdException;
import io.entire.core.id.SessionId;
import io.entire.core.json.JsonFormatException;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A hook's stdin as Claude Code sends it, and Codex and Gemini CLI after it: a JSON object with a valid
 * {@code session_id}, the {@code transcript_path}, the {@code cwd}, the {@code hook_event_name}, and fields of the
 * agent's own; and the reply the three show the user. Written without lambdas: light hooks parse this, and each
 * lambda is a class loaded at their start.
 */
public final class HookPayload {
    private final JsonObject object;
    private final SessionId sessionId;

    private HookPayload(JsonObject object, SessionId sessionId) {
        this.object = requireNonNull(object, "object is null");
        this.sessionId = requireNonNull(sessionId, "sessionId is null");
    }

    /** The stdout of a hook whose {@code systemMessage} the agent shows the user. */
    public static String systemMessageReply(String message) {
        return JsonWriter.compact(new JsonObject(Map.of("systemMessage", new JsonString(message))));
    }

    /** Parses the JSON; anything without a valid {@code session_id} is an {@link InvalidHookPayloadException}. */
    public static HookPayload parse(byte[] json) {
        JsonObject object;
        try {
            object = new JsonReader().parseObject(json);
        } catch (JsonFormatException e) {
            throw new InvalidHookPayloadException(e.getMessage());
        }
        Optional<String> session = object.findString("session_id");
        if (session.isEmpty()) {
            throw new InvalidHookPayloadException("no session_id");
        }
        try {
            return new HookPayload(object, SessionId.of(session.get()));
        } catch (InvalidIdException e) {
            throw new InvalidHookPayloadException(e.getMessage());
        }
    }

    public SessionId sessionId() {
        return sessionId;
    }

    /** The event's name as the agent spells it; empty when it sent none. */
    public String hookEventName() {
        return object.findString("hook_event_name").orElse("");
    }

    public Optional<Path> transcriptPath() {
        return path("transcript_path");
    }

    public Optional<Path> cwd() {
        return path("cwd");
    }

    /** The string member {@code key} as it was sent. */
    public Optional<String> string(String key) {
        return object.findString(key);
    }

    /** The string member {@code key}; a blank one counts as none. */
    public Optional<String> nonBlank(String key) {
        Optional<String> text = object.findString(key);
        return text.isPresent() && text.get().isBlank() ? Optional.empty() : text;
    }

    /** An absolute path; a blank or relative one counts as none, one that is no path is invalid. */
    private Optional<Path> path(String key) {
        Optional<String> text = nonBlank(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(text.get());
            return path.isAbsolute() ? Optional.of(path) : Optional.empty();
        } catch (InvalidPathException e) {
            throw new InvalidHookPayloadException(key + " is not a path: " + e.getMessage());
        }
    }
}
