package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.agent.Agent;
import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One past session and what {@code import} makes of it: the time from its first to its last message, the files it
 * wrote, and the commits it is matched to, oldest first (each a commit no trailer links, to which no earlier import
 * linked this session).
 *
 * @param start the first message's time; empty with {@code end} for a transcript that records no times
 * @param storedIn the checkpoint that already holds the session (captured live, attached, or imported for each commit
 *                 it matches), when it is {@link Status#ALREADY_STORED}
 */
public record PastSessionMatch(Agent agent, SessionId sessionId, Path transcript, Optional<Instant> start,
        Optional<Instant> end, List<String> filesWritten, List<ObjectId> commits, Status status,
        Optional<CheckpointId> storedIn) {
    /** What an import does with the session. */
    public enum Status {
        MATCHED,          // imported into a checkpoint per matched commit
        UNMATCHED,        // no commit made while it ran changed a file it wrote
        ALREADY_STORED,   // a checkpoint holds it already: the hooks saw it, attach captured it, or an import did
        UNDATED           // its transcript records no message times, so no commit can be placed in it
    }

    public PastSessionMatch {
        requireNonNull(agent, "agent is null");
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(transcript, "transcript is null");
        requireNonNull(start, "start is null");
        requireNonNull(end, "end is null");
        filesWritten = List.copyOf(filesWritten);
        commits = List.copyOf(commits);
        requireNonNull(status, "status is null");
        requireNonNull(storedIn, "storedIn is null");
        if ((status == Status.MATCHED) == commits.isEmpty()) {
            throw new IllegalArgumentException("session " + sessionId + ": " + status + " with " + commits.size()
                    + " matched commits");
        }
        if ((status == Status.ALREADY_STORED) != storedIn.isPresent()) {
            throw new IllegalArgumentException("session " + sessionId + ": " + status + " stored in " + storedIn);
        }
    }
}
