package io.entire.core.agent.codex;

import static java.util.Objects.requireNonNull;

import io.entire.core.agent.InvalidHookPayloadException;
import io.entire.core.id.InvalidIdException;
import io.entire.core.id.SessionId;
import io.entire.core.json.JsonFormatException;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What Codex sends a hook command on stdin (the same for {@code codex} and {@code codex exec}): the session, its
 * rollout file, the working directory, the event, the model (all but SessionEnd), the turn (UserPromptSubmit, Stop),
 * the prompt (UserPromptSubmit) and how the session began (SessionStart: {@code startup} or {@code resume}). Other
 * fields are ignored.
 */
public record CodexHookPayload(SessionId sessionId, Optional<Path> transcriptPath, Optional<Path> cwd,
        String hookEventName, Optional<String> model, Optional<String> turnId, Optional<String> prompt,
        Optional<String> source) {
    public CodexHookPayload {
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(transcriptPath, "transcriptPath is null");
        requireNonNull(cwd, "cwd is null");
        requireNonNull(hookEventName, "hookEventName is null");
        requireNonNull(model, "model is null");
        requireNonNull(turnId, "turnId is null");
        requireNonNull(prompt, "prompt is null");
        requireNonNull(source, "source is null");
    }

    /**
     * Parses the JSON; anything without a valid {@code session_id} is an {@link InvalidHookPayloadException}. No
     * lambdas: light hooks parse this, and each lambda spins a class at their start.
     */
    public static CodexHookPayload parse(byte[] json) {
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
        SessionId sessionId;
        try {
            sessionId = SessionId.of(session.get());
        } catch (InvalidIdException e) {
            throw new InvalidHookPayloadException(e.getMessage());
        }
        return new CodexHookPayload(sessionId, path(object, "transcript_path"), path(object, "cwd"),
                object.findString("hook_event_name").orElse(""), text(object, "model"), text(object, "turn_id"),
                object.findString("prompt"), text(object, "source"));
    }

    private static Optional<String> text(JsonObject object, String key) {
        Optional<String> text = object.findString(key);
        return text.isPresent() && text.get().isBlank() ? Optional.empty() : text;
    }

    /** An absolute path; a blank or relative one counts as none. */
    private static Optional<Path> path(JsonObject object, String key) {
        Optional<String> text = text(object, key);
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
