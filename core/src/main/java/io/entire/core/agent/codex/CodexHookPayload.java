package io.entire.core.agent.codex;

import static java.util.Objects.requireNonNull;

import io.entire.core.agent.HookPayload;
import io.entire.core.agent.InvalidHookPayloadException;
import io.entire.core.id.SessionId;
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
        HookPayload payload = HookPayload.parse(json);
        return new CodexHookPayload(payload.sessionId(), payload.transcriptPath(), payload.cwd(),
                payload.hookEventName(), payload.nonBlank("model"), payload.nonBlank("turn_id"),
                payload.string("prompt"), payload.nonBlank("source"));
    }
}
