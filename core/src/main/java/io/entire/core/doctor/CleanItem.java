package io.entire.core.doctor;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.ObjectId;
import io.entire.core.id.SessionId;
import java.util.Locale;
import java.util.Optional;

/**
 * One thing {@code entire clean} would remove, and why nothing needs it: a shadow branch (with the tip it was seen at,
 * so that a branch that moved since is kept), a session's state, or a lock or scratch file.
 */
public record CleanItem(Kind kind, String target, String reason, Optional<ObjectId> tip,
        Optional<SessionId> session) {
    public CleanItem {
        requireNonNull(kind, "kind is null");
        requireNonNull(target, "target is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(tip, "tip is null");
        requireNonNull(session, "session is null");
    }

    public enum Kind {
        SHADOW_BRANCH,
        SESSION_STATE,
        LOCK_FILE,
        TEMP_FILE;

        public String value() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    static CleanItem branch(String ref, ObjectId tip, String reason) {
        return new CleanItem(Kind.SHADOW_BRANCH, ref, reason, Optional.of(tip), Optional.empty());
    }

    static CleanItem state(SessionId session, String file, String reason) {
        return new CleanItem(Kind.SESSION_STATE, file, reason, Optional.empty(), Optional.of(session));
    }

    static CleanItem file(Kind kind, String path, String reason) {
        return new CleanItem(kind, path, reason, Optional.empty(), Optional.empty());
    }
}
