package io.entire.core.agent;

import static java.util.Objects.requireNonNull;

import io.entire.core.id.SessionId;
import java.nio.file.Path;

/** A session an agent recorded in a work tree, found in the agent's own folders rather than through a hook. */
public record PastSession(SessionId sessionId, Path transcript) {
    public PastSession {
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(transcript, "transcript is null");
    }
}
