package io.entire.core.attribution;

import static java.util.Objects.requireNonNull;

import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import java.util.Optional;

/** The session, and the prompt within it, whose tool call wrote a line. */
public record AgentOrigin(CheckpointId checkpointId, SessionId sessionId, Optional<String> agent,
        Optional<String> prompt) {
    public AgentOrigin {
        requireNonNull(checkpointId, "checkpointId is null");
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(agent, "agent is null");
        requireNonNull(prompt, "prompt is null");
    }
}
