package io.entire.core.agent.copilot;

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
 * What Copilot CLI sends a hook command on stdin, in camelCase unlike the other agents: {@code sessionId},
 * {@code cwd}, {@code timestamp} (epoch milliseconds), and per event {@code prompt} (userPromptSubmitted),
 * {@code transcriptPath} and {@code stopReason} (agentStop), {@code source} and {@code initialPrompt}
 * (sessionStart), {@code reason} (sessionEnd). Fields Entire does not use are ignored.
 */
record CopilotHookPayload(SessionId sessionId, Optional<Path> transcriptPath, Optional<Path> cwd,
        Optional<String> prompt) {
    CopilotHookPayload {
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(transcriptPath, "transcriptPath is null");
        requireNonNull(cwd, "cwd is null");
        requireNonNull(prompt, "prompt is null");
    }

    /** Parses the JSON; anything without a valid {@code sessionId} is an {@link InvalidHookPayloadException}. */
    static CopilotHookPayload parse(byte[] json) {
        JsonObject object;
        try {
            object = new JsonReader().parseObject(json);
        } catch (JsonFormatException e) {
            throw new InvalidHookPayloadException(e.getMessage());
        }
        Optional<String> session = object.findString("sessionId");
        if (session.isEmpty()) {
            throw new InvalidHookPayloadException("no sessionId");
        }
        SessionId sessionId;
        try {
            sessionId = SessionId.of(session.get());
        } catch (InvalidIdException e) {
            throw new InvalidHookPayloadException(e.getMessage());
        }
        return new CopilotHookPayload(sessionId, path(object, "transcriptPath"), path(object, "cwd"),
                object.findString("prompt"));
    }

    /** An absolute path; a blank or relative one counts as none, one that is no path is invalid. */
    private static Optional<Path> path(JsonObject object, String key) {
        Optional<String> text = object.findString(key);
        if (text.isEmpty() || text.get().isBlank()) {
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
