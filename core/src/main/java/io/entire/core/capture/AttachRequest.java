package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.agent.Agent;
import io.entire.core.id.SessionId;

/** Which agent session to capture into a checkpoint. */
public record AttachRequest(SessionId sessionId, Agent agent) {
    public AttachRequest {
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(agent, "agent is null");
    }
}
