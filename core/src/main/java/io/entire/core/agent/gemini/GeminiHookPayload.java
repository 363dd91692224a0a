package io.entire.core.agent.gemini;

import static java.util.Objects.requireNonNull;

import io.entire.core.agent.HookPayload;
import io.entire.core.agent.InvalidHookPayloadException;
import io.entire.core.id.SessionId;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What Gemini CLI sends every hook command on stdin: the session, its chat file, the working directory, the event,
 * the prompt (BeforeAgent, AfterAgent) and how a session started (SessionStart). Other fields (end reasons, model
 * requests, tool inputs) are ignored.
 */
record GeminiHookPayload(SessionId sessionId, Optional<Path> transcriptPath, Optional<Path> cwd,
        String hookEventName, Optional<String> prompt, Optional<String> source) {
    public GeminiHookPayload {
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(transcriptPath, "transcriptPath is null");
        requireNonNull(cwd, "cwd is null");
        requireNonNull(hookEventName, "hookEventName is null");
        requireNonNull(prompt, "prompt is null");
        requireNonNull(source, "source is null");
    }

    /**
     * Whether this SessionStart begins a resumed session. Gemini CLI 0.61 then names the file a new session would
     * write (another one, unless the resume starts within the minute of the first run), while the turns that follow
     * go on in the session's first file, which their payloads name.
     */
    public boolean resumed() {
        return source.filter("resume"::equals).isPresent();
    }

    /** Parses the JSON; anything without a valid {@code session_id} is an {@link InvalidHookPayloadException}. */
    public static GeminiHookPayload parse(byte[] json) {
        HookPayload payload = HookPayload.parse(json);
        return new GeminiHookPayload(payload.sessionId(), payload.transcriptPath(), payload.cwd(),
                payload.hookEventName(), payload.string("prompt"), payload.nonBlank("source"));
    }
}
