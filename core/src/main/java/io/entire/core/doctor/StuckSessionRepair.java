package io.entire.core.doctor;

import static java.util.Objects.requireNonNull;

import io.entire.core.RandomSource;
import io.entire.core.Warning;
import io.entire.core.capture.CaptureSettings;
import io.entire.core.store.shadow.ShadowBranch;
import io.entire.core.capture.UnlinkedCondensation;
import io.entire.core.git.GitRepository;
import io.entire.core.git.ObjectId;
import io.entire.core.git.RefName;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import io.entire.core.session.SessionLock;
import io.entire.core.session.SessionState;
import io.entire.core.session.SessionStore;
import io.entire.core.store.StoreSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Deals with a stuck session ({@link SessionCondition#stuck()}) for {@code entire doctor --fix}: condenses its
 * uncommitted work into a checkpoint no commit links, or discards it; either way the session ends, so it links no
 * more commits, and its shadow branch goes unless another live session records onto it. Each runs under the
 * session's lock and first checks that the session is still stuck.
 */
public final class StuckSessionRepair {
    private final GitRepository repository;
    private final SessionStore sessions;
    private final CaptureSettings settings;
    private final RandomSource random;

    public StuckSessionRepair(GitRepository repository, SessionStore sessions, CaptureSettings settings,
            RandomSource random) {
        this.repository = requireNonNull(repository, "repository is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.random = requireNonNull(random, "random is null");
    }

    /** Writes the session's work into a new checkpoint of the primary store, then ends the session. */
    public Repair condense(SessionId id, StoreSet stores) {
        try (SessionLock lock = sessions.lock(id)) {
            Optional<SessionState> state = stuck(id);
            if (state.isEmpty()) {
                return Repair.of(id, RepairOutcome.NOT_STUCK);
            }
            Instant now = settings.clock().instant();
            CheckpointId checkpoint = stores.newCheckpointId(settings.clock(), random);
            UnlinkedCondensation.Written written = new UnlinkedCondensation(repository, settings).write(stores,
                    checkpoint, state.get());
            SessionState condensed = state.get().condensed(checkpoint, written.transcriptLines(),
                    state.get().baseCommit(), List.of(), Optional.empty(), now);
            sessions.save(LiveSessions.settled(condensed, now));
            List<Warning> warnings = new ArrayList<>(written.mirrorWarnings());
            deleteShadowBranch(state.get(), warnings);
            return new Repair(id, RepairOutcome.CONDENSED, Optional.of(checkpoint), warnings);
        }
    }

    /** Drops the session's uncommitted steps and ends it. */
    public Repair discard(SessionId id) {
        try (SessionLock lock = sessions.lock(id)) {
            Optional<SessionState> state = stuck(id);
            if (state.isEmpty()) {
                return Repair.of(id, RepairOutcome.NOT_STUCK);
            }
            sessions.save(LiveSessions.settled(state.get(), settings.clock().instant()));
            List<Warning> warnings = new ArrayList<>();
            deleteShadowBranch(state.get(), warnings);
            return new Repair(id, RepairOutcome.DISCARDED, Optional.empty(), warnings);
        }
    }

    private Optional<SessionState> stuck(SessionId id) {
        return sessions.find(id).filter(state -> SessionCondition.of(state, settings.clock().instant()).stuck());
    }

    /** Deletes the session's shadow branch unless another live session records onto it. */
    private void deleteShadowBranch(SessionState state, List<Warning> warnings) {
        RefName branch = ShadowBranch.name(state.baseCommit(), state.worktreeId());
        boolean shared = sessions.list().stream().anyMatch(other -> !other.sessionId().equals(state.sessionId())
                && !other.isDone() && ShadowBranch.name(other.baseCommit(), other.worktreeId()).equals(branch));
        Optional<ObjectId> tip = repository.refs().find(branch);
        if (shared || tip.isEmpty()) {
            return;
        }
        switch (repository.refs().delete(branch, tip.get(), "entire doctor --fix")) {
            case DELETED -> {
                // gone with the session's work, which is now in a checkpoint or was discarded on purpose
            }
            case CREATED, UPDATED, UNCHANGED, REJECTED_STALE, LOCKED -> warnings.add(Warning.aboutRef(
                    branch.name(), "shadow branch " + branch.shortName()
                    + " moved meanwhile and was kept; 'entire clean' removes it later"));
        }
    }
}
