package io.entire.core.doctor;

import static java.util.Objects.requireNonNull;

import io.entire.core.store.shadow.ShadowBranch;
import io.entire.core.git.GitRepository;
import io.entire.core.git.RefName;
import io.entire.core.id.SessionId;
import io.entire.core.session.SessionLock;
import io.entire.core.session.SessionPhase;
import io.entire.core.session.SessionState;
import io.entire.core.session.SessionStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The sessions recorded in a repository (every worktree's), for {@code entire session}: listing, looking one up by
 * id or prefix, the current one of this worktree, and stopping sessions so that they link no more commits.
 */
public final class LiveSessions {
    private final GitRepository repository;
    private final SessionStore sessions;
    private final InstantSource clock;

    public LiveSessions(GitRepository repository, SessionStore sessions, InstantSource clock) {
        this.repository = requireNonNull(repository, "repository is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Every session whose work may still go into a commit, oldest first. */
    public List<LiveSession> list() {
        return all().stream().filter(session -> session.condition().live()).toList();
    }

    /** Every session with a readable state file, done ones too, oldest first. */
    public List<LiveSession> all() {
        return of(sessions.list());
    }

    /** {@code states}, read from the store already, each with its condition and shadow branch. */
    public List<LiveSession> of(List<SessionState> states) {
        Set<RefName> branches = repository.refs().list("refs/heads/entire/").keySet();
        Instant now = clock.instant();
        List<LiveSession> found = new ArrayList<>();
        for (SessionState state : states) {
            RefName shadow = ShadowBranch.name(state.baseCommit(), state.worktreeId());
            found.add(new LiveSession(state, SessionCondition.of(state, now),
                    branches.contains(shadow) ? Optional.of(shadow) : Optional.empty()));
        }
        return found;
    }

    /** The session with this id, or the only one whose id starts with it. */
    public LiveSession find(String idOrPrefix) {
        List<LiveSession> matches = new ArrayList<>();
        for (LiveSession session : all()) {
            String id = session.state().sessionId().value();
            if (id.equals(idOrPrefix)) {
                return session;
            }
            if (!idOrPrefix.isEmpty() && id.startsWith(idOrPrefix)) {
                matches.add(session);
            }
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (idOrPrefix.isEmpty()) {
            throw new SessionNotFoundException(idOrPrefix, "no session id given; 'entire session list' shows them");
        }
        throw new SessionNotFoundException(idOrPrefix, matches.isEmpty()
                ? "no recorded session is " + idOrPrefix + "; 'entire session list' shows them"
                : idOrPrefix + " starts " + matches.size() + " session ids; type more of it");
    }

    /** The live session of this worktree that a hook heard from last. */
    public Optional<LiveSession> current() {
        String worktreeId = repository.worktreeId();
        LiveSession latest = null;
        for (LiveSession session : list()) {
            if (session.state().worktreeId().equals(worktreeId)
                    && (latest == null || !session.state().updatedAt().isBefore(latest.state().updatedAt()))) {
                latest = session;
            }
        }
        return Optional.ofNullable(latest);
    }

    /**
     * Marks the session ended with nothing owed, under its lock, without condensing: it links no commit any more.
     * Its shadow branch stays until {@code entire clean} finds nothing live on it.
     */
    public StopOutcome stop(SessionId id) {
        try (SessionLock lock = sessions.lock(id)) {
            Optional<SessionState> state = sessions.find(id);
            if (state.isEmpty()) {
                return StopOutcome.GONE;
            }
            if (state.get().isDone()) {
                return StopOutcome.ALREADY_DONE;
            }
            sessions.save(settled(state.get(), clock.instant()));
            return StopOutcome.STOPPED;
        }
    }

    /**
     * The session ended, its uncommitted steps and prompts, its pending link and any finalization forgotten: what is
     * left is where a resumed session's next checkpoint starts.
     */
    static SessionState settled(SessionState state, Instant now) {
        return new SessionState(state.sessionId(), state.agent(), SessionPhase.ENDED, state.worktree(),
                state.worktreeId(), state.baseCommit(), state.transcript(), state.firstPrompt(), state.startedAt(),
                now, state.transcriptStart(), state.turn(), List.of(), List.of(), state.untrackedAtStart(),
                Optional.empty(), state.lastCheckpoint(), Optional.empty());
    }
}
