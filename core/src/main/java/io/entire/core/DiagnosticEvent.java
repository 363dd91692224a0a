package io.entire.core;

import static java.util.Objects.requireNonNull;

import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Optional;

/**
 * One line of the diagnostics log: when, how bad, which part of entire, what happened, and the checkpoint, session or
 * ref it concerns when one is known.
 *
 * @param component the part that speaks: a hook ({@code git post-commit}) or a class of the library
 */
public record DiagnosticEvent(Instant time, Level level, String component, String message,
        Optional<CheckpointId> checkpointId, Optional<SessionId> sessionId, Optional<String> ref) {
    public DiagnosticEvent {
        requireNonNull(time, "time is null");
        requireNonNull(level, "level is null");
        requireNonNull(component, "component is null");
        requireNonNull(message, "message is null");
        requireNonNull(checkpointId, "checkpointId is null");
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(ref, "ref is null");
    }

    /** An event about nothing in particular. */
    public static DiagnosticEvent of(Instant time, Level level, String component, String message) {
        return new DiagnosticEvent(time, level, component, message, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    public DiagnosticEvent withCheckpointId(CheckpointId id) {
        return new DiagnosticEvent(time, level, component, message, Optional.of(id), sessionId, ref);
    }

    public DiagnosticEvent withSessionId(SessionId id) {
        return new DiagnosticEvent(time, level, component, message, checkpointId, Optional.of(id), ref);
    }

    public DiagnosticEvent withRef(String name) {
        return new DiagnosticEvent(time, level, component, message, checkpointId, sessionId, Optional.of(name));
    }
}
