package io.entire.core.agent;

import static java.util.Objects.requireNonNull;

import io.entire.core.id.SessionId;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonWriter;
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
    /** The members the agents' hooks read as text. */
    private static final String[] TEXT_MEMBERS = {"session_id", "transcript_path", "cwd", "hook_event_name", "prompt",
        "source", "model", "turn_id"};

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

    /** Parses the JSON as {@link PayloadJson#parse} does, with a valid {@code session_id}. */
    public static HookPayload parse(byte[] json) {
        JsonObject object = PayloadJson.parse(json, TEXT_MEMBERS);
        return new HookPayload(object, PayloadJson.sessionId(object, "session_id"));
    }

    public SessionId sessionId() {
        return sessionId;
    }

    /** The event's name as the agent spells it; empty when it sent none. */
    public String hookEventName() {
        return object.findString("hook_event_name").orElse("");
    }

    public Optional<Path> transcriptPath() {
        return PayloadJson.absolutePath(object, "transcript_path");
    }

    public Optional<Path> cwd() {
        return PayloadJson.absolutePath(object, "cwd");
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
}
