package io.entire.core.doctor;

import static java.util.Objects.requireNonNull;

import io.entire.core.id.SessionId;
import java.util.Optional;

/**
 * What {@code entire clean} looks at: this worktree's shadow branches and sessions, or every worktree's
 * ({@code --all}); or one session only ({@code --session}), whose state goes even when ended with its transcript
 * still there (it can no longer be resumed where it stopped). Lock and scratch files are the repository's.
 */
public record CleanScope(boolean allWorktrees, Optional<SessionId> session) {
    public CleanScope {
        requireNonNull(session, "session is null");
    }
}
