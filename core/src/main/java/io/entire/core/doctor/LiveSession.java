package io.entire.core.doctor;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.RefName;
import io.entire.core.session.SessionState;
import java.util.Optional;

/** A recorded session as {@code entire session} shows it: its state, how it stands, and its shadow branch if any. */
public record LiveSession(SessionState state, SessionCondition condition, Optional<RefName> shadowBranch) {
    public LiveSession {
        requireNonNull(state, "state is null");
        requireNonNull(condition, "condition is null");
        requireNonNull(shadowBranch, "shadowBranch is null");
    }
}
