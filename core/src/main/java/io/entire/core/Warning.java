package io.entire.core;

import static java.util.Objects.requireNonNull;

import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Optional;

/**
 * Something a run could not do that did not fail it (a mirror not written, a branch kept), with the checkpoint,
 * session and ref it is about when known, so a caller can log them as fields and act on one without parsing text.
 *
 * @param text the whole sentence a person reads, ids included
 */
public record Warning(String text, Optional<CheckpointId> checkpointId, Optional<SessionId> sessionId,
        Optional<String> ref) {
    public Warning {
        requireNonNull(text, "text is null");
        if (text.isBlank()) {
            throw new IllegalArgumentException("warning text is blank");
        }
        requireNonNull(checkpointId, "checkpointId is null");
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(ref, "ref is null");
    }

    /** A warning about one checkpoint. */
    public static Warning aboutCheckpoint(CheckpointId checkpointId, String text) {
        return new Warning(text, Optional.of(checkpointId), Optional.empty(), Optional.empty());
    }

    /** A warning about one ref (a shadow branch, a checkpoint ref). */
    public static Warning aboutRef(String ref, String text) {
        return new Warning(text, Optional.empty(), Optional.empty(), Optional.of(ref));
    }

    public Warning withSessionId(SessionId id) {
        return new Warning(text, checkpointId, Optional.of(id), ref);
    }

    /** The warning as one event of the diagnostics log, its ids as fields. */
    public DiagnosticEvent event(Instant time, String component) {
        return new DiagnosticEvent(time, Level.WARNING, component, text, checkpointId, sessionId, ref);
    }

    @Override
    public String toString() {
        return text;
    }
}
