package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.Background;
import io.entire.core.git.CommitInfo;
import io.entire.core.git.GitRepository;
import io.entire.core.git.GitWorkers;
import io.entire.core.git.ObjectId;
import io.entire.core.git.PathChange;
import io.entire.core.git.RepositoryOperation;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import io.entire.core.session.Finalization;
import io.entire.core.session.SessionLock;
import io.entire.core.session.SessionPhase;
import io.entire.core.session.SessionState;
import io.entire.core.session.SessionStore;
import io.entire.core.session.Step;
import io.entire.core.store.StoreSet;
import io.entire.core.store.WriteKind;
import io.entire.core.trailers.Trailers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * post-commit. When the new commit carries {@code Entire-Checkpoint: <id>}, writes one checkpoint holding every
 * session whose work went into it (the sessions prepare-commit-msg linked; failing that, those whose files the commit
 * takes). Then every session of this work tree moves onto the new HEAD: what is still uncommitted is carried to a new
 * shadow branch, the old shadow branch goes. A session whose turn is still running owes a finalization at its stop.
 */
public final class Condenser {
    private final GitRepository repository;
    private final SessionStore sessions;
    private final CaptureSettings settings;

    public Condenser(GitRepository repository, SessionStore sessions, CaptureSettings settings) {
        this.repository = requireNonNull(repository, "repository is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    public CondenseResult postCommit(StoreSet stores) {
        String worktreeId = repository.worktreeId();
        List<SessionState> local = sessions.list().stream().filter(state -> state.worktreeId().equals(worktreeId))
                .toList();
        // A rebase or cherry-pick replays old commits (trailers and all); the next stop moves sessions onto the result.
        if (local.isEmpty() || repository.operationInProgress() != RepositoryOperation.NONE) {
            return new CondenseResult(Optional.empty(), List.of(), List.of(), List.of());
        }
        // The stores' git processes serve this hook's own reads and writes too: one set instead of two.
        GitWorkers workers = stores.gitWorkers();
        Optional<CommitInfo> head = workers.reader().findCommit("HEAD");
        if (head.isEmpty()) {
            return new CondenseResult(Optional.empty(), List.of(), List.of(), List.of());
        }
        Optional<CheckpointId> id = Trailers.checkpointIds(head.get().message()).stream().findFirst();
        // What the commit changed comes from a git process of its own, which runs while a transcript is prepared.
        Supplier<List<PathChange>> changes = id.isEmpty() ? List::of : Background.start("commit-changes",
                () -> repository.changes().ofCommit(head.get().id()))::join;
        Commit commit = new Commit(head.get().id(), id, changes,
                id.map(checkpoint -> linkedSessions(local, checkpoint, changes, stores)).orElse(Set.of()));
        Progress progress = new Progress();
        CarryForward carry = new CarryForward(repository, workers, new ShadowWriter(repository, workers), settings);
        for (SessionState listed : local) {
            try (SessionLock lock = sessions.lock(listed.sessionId())) {
                sessions.find(listed.sessionId()).ifPresent(state -> advance(state, commit, stores, carry,
                        progress));
            }
        }
        ShadowWriter shadows = new ShadowWriter(repository, workers);
        progress.oldBases.remove(commit.head());
        progress.oldBases.removeAll(progress.keptBases);
        for (ObjectId base : progress.oldBases) {
            if (!shadows.delete(base, worktreeId)) {
                progress.warnings.add("shadow branch " + ShadowBranch.name(base, worktreeId).shortName()
                        + " kept moving and was not deleted");
            }
        }
        return new CondenseResult(progress.condensed.isEmpty() ? Optional.empty() : id, progress.condensed,
                progress.carried, progress.warnings);
    }

    /**
     * Moves one session past the commit: condensed if linked, else its work carried onto the new HEAD. A session
     * that fails to condense keeps its state (nothing is lost; {@code entire attach} can still capture it).
     */
    private void advance(SessionState state, Commit commit, StoreSet stores, CarryForward carry, Progress progress) {
        progress.oldBases.add(state.baseCommit());
        Instant now = settings.clock().instant();
        SessionState next = state;
        if (commit.linked().contains(state.sessionId())) {
            CheckpointId id = commit.checkpointId().orElseThrow();
            try {
                next = condense(state, id, commit, stores, carry, progress.warnings);
                progress.condensed.add(state.sessionId());
            } catch (RuntimeException e) {
                progress.warnings.add("checkpoint " + id + ": session " + state.sessionId() + " not written ("
                        + e.getMessage() + "); 'entire attach " + state.sessionId() + "' captures it later");
                progress.keptBases.add(state.baseCommit());   // its snapshots stay reachable
                return;
            }
        } else if (!state.baseCommit().equals(commit.head())) {
            List<Step> steps = carry.carry(state, commit.head(), lastTranscriptLines(state));
            next = state.rebased(commit.head(), steps, now).withPendingCheckpoint(Optional.empty(), now);
            if (!steps.isEmpty()) {
                progress.carried.add(state.sessionId());
            }
        }
        if (next.phase() == SessionPhase.ENDED && next.steps().isEmpty() && next.finalization().isEmpty()) {
            sessions.delete(next.sessionId());   // over, and all its work is committed
        } else if (next != state) {
            sessions.save(next);
        }
    }

    /**
     * The commit post-commit runs for: HEAD, its checkpoint trailer, what it changed (read on first use) and the
     * sessions it links.
     */
    private record Commit(ObjectId head, Optional<CheckpointId> checkpointId, Supplier<List<PathChange>> changes,
            Set<SessionId> linked) {
    }

    /** What post-commit did so far, gathered across sessions. */
    private static final class Progress {
        private final List<SessionId> condensed = new ArrayList<>();
        private final List<SessionId> carried = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        private final Set<ObjectId> oldBases = new HashSet<>();
        private final Set<ObjectId> keptBases = new HashSet<>();
    }

    /**
     * The sessions prepare-commit-msg linked to this id; if none (the hook did not run, or the trailer was typed by
     * hand), those whose work the commit takes, unless the checkpoint exists already (an amend keeping its trailer).
     */
    private Set<SessionId> linkedSessions(List<SessionState> local, CheckpointId id,
            Supplier<List<PathChange>> committed, StoreSet stores) {
        Set<SessionId> linked = new HashSet<>();
        local.stream().filter(state -> state.pendingCheckpoint().equals(Optional.of(id)))
                .forEach(state -> linked.add(state.sessionId()));
        if (linked.isEmpty() && stores.primary().find(id).isEmpty()) {
            local.stream().filter(state -> SessionFiles.overlap(state.files(),
                    SessionFiles.inFlight(state, repository.workTree()), committed.get()))
                    .forEach(state -> linked.add(state.sessionId()));
        }
        return linked;
    }

    private SessionState condense(SessionState state, CheckpointId id, Commit commit, StoreSet stores,
            CarryForward carry, List<String> warnings) {
        long steps = Math.max(1, state.steps().size());
        SessionCheckpointWriter.Written written = new SessionCheckpointWriter(repository, settings).write(stores, id,
                state, state.transcriptStart(), () -> committedFiles(state, commit.head(), commit.changes().get()),
                state.prompts(), steps, WriteKind.CHECKPOINT);
        warnings.addAll(written.write().mirrorWarnings());
        List<Step> remaining = carry.carry(state, commit.head(), written.transcriptLines());
        Optional<Finalization> owed = state.isActive() ? Optional.of(new Finalization(id, state.transcriptStart(),
                written.files(), written.prompts(), steps)) : Optional.empty();
        return state.condensed(id, written.transcriptLines(), commit.head(), remaining, owed,
                settings.clock().instant());
    }

    /** The session's files (from its steps and its turn under way) that the commit took, sorted. */
    private List<String> committedFiles(SessionState state, ObjectId commit, List<PathChange> changes) {
        Set<String> committedPaths = new HashSet<>();
        changes.forEach(change -> committedPaths.add(change.path()));
        TreeSet<String> files = new TreeSet<>(state.files().keySet());
        files.addAll(SessionFiles.inFlight(state, repository.workTree()));
        if (state.isActive()) {
            // The running turn's changes through any tool: committed content that differs from the turn's start.
            new TurnSnapshots(repository, sessions.directory()).startTree(state.sessionId()).ifPresent(start ->
                    repository.changes().between(start, commit).forEach(change -> files.add(change.path())));
        }
        files.retainAll(committedPaths);
        files.removeIf(path -> !SessionFiles.recordable(path));
        return List.copyOf(files);
    }

    private static long lastTranscriptLines(SessionState state) {
        return state.steps().isEmpty() ? state.turn().transcriptStart()
                : state.steps().get(state.steps().size() - 1).transcriptLines();
    }
}
