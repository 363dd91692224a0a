package io.entire.core.agent.copilot;

import static java.util.Objects.requireNonNull;

import io.entire.core.agent.PayloadJson;
import io.entire.core.id.SessionId;
import io.entire.core.json.JsonObject;
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

    /** Parses the JSON as {@link PayloadJson#parse} does, with a valid {@code sessionId}. */
    static CopilotHookPayload parse(byte[] json) {
        JsonObject object = PayloadJson.parse(json, "sessionId", "transcriptPath", "cwd", "prompt");
        return new CopilotHookPayload(PayloadJson.sessionId(object, "sessionId"),
                PayloadJson.absolutePath(object, "transcriptPath"), PayloadJson.absolutePath(object, "cwd"),
                object.findString("prompt"));
    }
}
