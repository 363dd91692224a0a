package io.entire.core.store;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import io.entire.core.model.CheckpointSummary;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A checkpoint as read from a store: the folder's tree, its root summary and its session slots. */
public record StoredCheckpoint(CheckpointId id, ObjectId folder, CheckpointSummary summary,
        List<StoredSession> sessions) {
    public StoredCheckpoint {
        requireNonNull(id, "id is null");
        requireNonNull(folder, "folder is null");
        requireNonNull(summary, "summary is null");
        sessions = List.copyOf(sessions);
    }

    /** The slot holding this session, if any. */
    public Optional<StoredSession> session(SessionId sessionId) {
        return sessions.stream().filter(session -> session.metadata().sessionId().equals(sessionId)).findFirst();
    }

    /** When the first session was recorded; a ULID's own time when no session says. */
    public Optional<Instant> createdAt() {
        return sessions.stream().map(session -> session.metadata().createdAt()).min(Instant::compareTo)
                .or(id::createdAt);
    }
}
