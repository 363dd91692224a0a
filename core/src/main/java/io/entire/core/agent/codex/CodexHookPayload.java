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

    /** Parses the JSON; anything without a valid {@code session_id} is an {@link InvalidHookPayloadException}. */
    public static CodexHookPayload parse(byte[] json) {
        JsonObject object;
        try {
            object = new JsonReader().parseObject(json);
        } catch (JsonFormatException e) {
            throw new InvalidHookPayloadException(e.getMessage());
        }
        String session = object.findString("session_id")
                .orElseThrow(() -> new InvalidHookPayloadException("no session_id"));
        try {
            return new CodexHookPayload(SessionId.of(session), path(object, "transcript_path"), path(object, "cwd"),
                    object.findString("hook_event_name").orElse(""), text(object, "model"), text(object, "turn_id"),
                    object.findString("prompt"), text(object, "source"));
        } catch (InvalidIdException e) {
            throw new InvalidHookPayloadException(e.getMessage());
        }
    }

    private static Optional<String> text(JsonObject object, String key) {
        return object.findString(key).filter(value -> !value.isBlank());
    }

    private static Optional<Path> path(JsonObject object, String key) {
        try {
            return text(object, key).map(Path::of).filter(Path::isAbsolute);
        } catch (InvalidPathException e) {
            throw new InvalidHookPayloadException(key + " is not a path: " + e.getMessage());
        }
    }
}
