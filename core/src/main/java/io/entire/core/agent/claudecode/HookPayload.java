package io.entire.core.agent.claudecode;

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
 * What Claude Code sends a hook command on stdin: the session, its transcript file, the working directory, the event
 * and, for UserPromptSubmit, the prompt, unless Claude Code wrote it itself. Other fields are ignored.
 */
public record HookPayload(SessionId sessionId, Optional<Path> transcriptPath, Optional<Path> cwd, String hookEventName,
        Optional<String> prompt) {
    // Claude Code submits a background agent's result as the prompt of a turn it starts itself.
    private static final String TASK_NOTIFICATION = "<task-notification>";

    public HookPayload {
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(transcriptPath, "transcriptPath is null");
        requireNonNull(cwd, "cwd is null");
        requireNonNull(hookEventName, "hookEventName is null");
        requireNonNull(prompt, "prompt is null");
    }

    /** The same payload naming {@code transcript} as its transcript (or none). */
    public HookPayload withTranscriptPath(Optional<Path> transcript) {
        return new HookPayload(sessionId, transcript, cwd, hookEventName, prompt);
    }

    /** Parses the JSON; anything without a valid {@code session_id} is an {@link InvalidHookPayloadException}. */
    public static HookPayload parse(byte[] json) {
        JsonObject object;
        try {
            object = new JsonReader().parseObject(json);
        } catch (JsonFormatException e) {
            throw new InvalidHookPayloadException(e.getMessage());
        }
        String session = object.findString("session_id")
                .orElseThrow(() -> new InvalidHookPayloadException("no session_id"));
        try {
            return new HookPayload(SessionId.of(session), path(object, "transcript_path"), path(object, "cwd"),
                    object.findString("hook_event_name").orElse(""), userPrompt(object));
        } catch (InvalidIdException e) {
            throw new InvalidHookPayloadException(e.getMessage());
        }
    }

    private static Optional<String> userPrompt(JsonObject object) {
        Optional<String> prompt = object.findString("prompt");
        if (prompt.isPresent() && prompt.get().stripLeading().startsWith(TASK_NOTIFICATION)) {
            return Optional.empty();
        }
        return prompt;
    }

    private static Optional<Path> path(JsonObject object, String key) {
        Optional<String> text = object.findString(key).filter(value -> !value.isBlank());
        try {
            return text.map(Path::of).filter(Path::isAbsolute);
        } catch (InvalidPathException e) {
            throw new InvalidHookPayloadException(key + " is not a path: " + e.getMessage());
        }
    }
}
