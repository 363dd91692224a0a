package io.entire.core.recover;

import static java.util.Objects.requireNonNull;

import io.entire.core.agent.Agent;
import io.entire.core.git.ObjectId;
import io.entire.core.id.SessionId;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A session's transcript as a step recorded it: its agent, the file and its length at the step, or (as the Go tool
 * writes steps) the whole transcript up to the step in one or more chunks; of a Go subagent task's transcript, only
 * the lines up to the one whose {@code uuid} is {@code lastLine} (all of them when none has it, as the Go tool does).
 */
public record StepTranscript(SessionId session, Agent agent, Path file, long lines, List<ObjectId> chunks,
        Optional<String> lastLine) {
    public StepTranscript {
        requireNonNull(session, "session is null");
        requireNonNull(agent, "agent is null");
        requireNonNull(file, "file is null");
        if (lines < 0) {
            throw new IllegalArgumentException("session " + session + ": negative transcript length " + lines);
        }
        chunks = List.copyOf(chunks);
        requireNonNull(lastLine, "lastLine is null");
        if (lastLine.isPresent() && chunks.isEmpty()) {
            throw new IllegalArgumentException("session " + session + ": a last line without a stored transcript");
        }
    }
}
