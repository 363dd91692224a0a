package io.entire.core.recover;

import static java.util.Objects.requireNonNull;

import io.entire.core.agent.Agent;
import io.entire.core.git.ObjectId;
import io.entire.core.id.SessionId;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A session's transcript as a step recorded it: its agent, the file and its length at the step, or (as the Go tool
 * writes steps) the whole transcript up to the step as a blob.
 */
public record StepTranscript(SessionId session, Agent agent, Path file, long lines, Optional<ObjectId> blob) {
    public StepTranscript {
        requireNonNull(session, "session is null");
        requireNonNull(agent, "agent is null");
        requireNonNull(file, "file is null");
        if (lines < 0) {
            throw new IllegalArgumentException("session " + session + ": negative transcript length " + lines);
        }
        requireNonNull(blob, "blob is null");
    }
}
