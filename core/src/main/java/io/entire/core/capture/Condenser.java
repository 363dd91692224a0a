package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.Background;
import io.entire.core.Warning;
import io.entire.core.attribution.InitialAttributionCalculator;
import io.entire.core.git.CommitChanges;
import io.entire.core.git.CommitDiff;
import io.entire.core.git.CommitInfo;
import io.entire.core.git.GitRepository;
import io.entire.core.git.GitWorkers;
import io.entire.core.git.ObjectId;
import io.entire.core.git.PathChange;
import io.entire.core.git.RefName;
import io.entire.core.git.RepositoryOperation;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import io.entire.core.session.CommitUnderWay;
import io.entire.core.session.Finalization;
import io.entire.core.session.OwedCheckpoint;
import io.entire.core.session.OwedCheckpoints;
import io.entire.core.session.SessionLock;
import io.entire.core.session.SessionState;
import io.entire.core.session.SessionStore;
import io.entire.core.session.Step;
import io.entire.core.store.StoreSet;
import io.entire.core.store.WriteKind;
import io.entire.core.store.shadow.ShadowBranch;
import io.entire.core.store.shadow.ShadowBranches;
import io.entire.core.trailers.Trailers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * post-commit. When the new commit carries {@code Entire-Checkpoint: <id>}, writes one checkpoint holding every
 * session whose work went into it (the sessions prepare-commit-msg linked; failing that, those whose files the commit
 * takes). Then every session of this work tree moves onto the new HEAD: what is still uncommitted is carried to a new
 * shadow branch, the old shadow branch goes. A session whose turn is still running owes a finalization at its stop.
 * The checkpoint is recorded as owed ({@link OwedCheckpoints}) until all of that is written, so an interrupted
 * post-commit is completed by the next hook ({@link OwedCompletion}).
 */
public final class Condenser {
    /** How long Claude Code keeps a transcript by default: a session done for longer has nothing left to resume. */
    private static final Duration RESUMABLE = Duration.ofDays(30);

    private final GitRepository repository;
    private final SessionStore sessions;
    private final CaptureSettings settings;

    public Condenser(GitRepository repository, SessionStore sessions, CaptureSettings settings) {
        this.repository = requireNonNull(repository, "repository is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    /**
     * post-commit: first the checkpoints that earlier commits still owe (their sessions must move past those commits
     * before this one moves them again), then this commit's, recorded as owed before anything is written. The
     * returned {@link PostCommit} holds the mark's lock; its {@link PostCommit#finish} deletes the old shadow branches
     * and clears the mark, work a caller may leave until it has answered: until then the mark stays, so a process
     * killed first leaves that rest to the next hook.
     */
    public PostCommit postCommit(StoreSet stores) {
        // A rebase or cherry-pick replays old commits (trailers and all); the next stop moves sessions onto the result.
        if (repository.operationInProgress() != RepositoryOperation.NONE) {
            return PostCommit.done(CondenseResult.nothing());
        }
        Optional<CommitInfo> head = stores.gitWorkers().reader().findCommit("HEAD");
        if (head.isEmpty()) {
            return PostCommit.done(CondenseResult.nothing());
        }
        // A commit with several trailers (an amend that added agent work) writes the one a session waits on; only
        // then does the choice need the sessions' state, which condense reads again under their locks.
        List<CheckpointId> trailers = Trailers.checkpointIds(head.get().message());
        Optional<CheckpointId> id = trailers.size() > 1 ? checkpointToWrite(trailers, sessions.listWithWork().stream()
                .filter(state -> state.worktreeId().equals(repository.worktreeId())).toList())
                : trailers.stream().findFirst();
        OwedResult earlier = new OwedCompletion(repository, sessions, settings).complete(stores, CommitUnderWay.NONE,
                id.map(Set::of).orElse(Set.of()));
        if (id.isEmpty()) {
            return PostCommit.done(condense(head.get(), id, stores).withOwedCompleted(earlier));
        }
        OwedCheckpoints owed = new OwedCheckpoints(repository);
        OwedCheckpoints.Lock lock = owed.lock(id.get());
        try {
            // The sessions prepare-commit-msg linked stay named: their state may not say so yet.
            List<SessionId> linked = owed.find(id.get()).map(OwedCheckpoint::sessions).orElse(List.of());
            OwedCheckpoint mark = OwedCheckpoint.forCommit(id.get(), repository.worktreeId(), head.get().id());
            owed.record(mark.withSessions(linked));
            Moved moved = move(head.get(), id, stores, state -> true, false);
            CondenseResult result = moved.result().withOwedCompleted(earlier);
            if (!result.failed().isEmpty()) {
                // The sessions written are done with this checkpoint: a retry must not take them back from later ones.
                owed.record(mark.withSessions(result.failed()));
            }
            return new PostCommit(result, lock, () -> {
                List<Warning> warnings = deleteShadowBranches(moved.oldBases(), stores.gitWorkers());
                if (result.failed().isEmpty()) {
                    owed.clear(id.get());
                }
                return warnings;
            });
        } catch (RuntimeException | Error e) {
            lock.close();   // a hook server lives on: a lock it kept would stop every later hook completing the mark
            throw e;
        }
    }

    /**
     * Moves this work tree's sessions past {@code commit}: when it carries checkpoint {@code id}, writes it with every
     * session whose work went into it (the sessions prepare-commit-msg linked; failing that, those whose files the
     * commit takes); the rest of the sessions' work is carried onto the commit, and the old shadow branches go.
     */
    CondenseResult condense(CommitInfo commitInfo, Optional<CheckpointId> id, StoreSet stores) {
        return condense(commitInfo, id, stores, state -> true, false);
    }

    /**
     * As {@link #condense}, for a commit that HEAD has moved past since (an owed checkpoint completed late): only the
     * sessions still linked to its checkpoint (by their state or by the mark) are written, and no session moves, those
     * written neither: later commits moved them, or the commit never concerned the others. Only the shadow branch of
     * the commit's parent goes, as its post-commit would have deleted it.
     */
    CondenseResult condenseBehindHead(CommitInfo commitInfo, OwedCheckpoint mark, StoreSet stores) {
        CheckpointId id = mark.checkpointId();
        return condense(commitInfo, Optional.of(id), stores, state -> linked(state, id, mark.sessions()), true);
    }

    private CondenseResult condense(CommitInfo commitInfo, Optional<CheckpointId> id, StoreSet stores,
            Predicate<SessionState> moving, boolean behindHead) {
        Moved moved = move(commitInfo, id, stores, moving, behindHead);
        return moved.result().withWarnings(deleteShadowBranches(moved.oldBases(), stores.gitWorkers()));
    }

    /**
     * As {@link #condense}, for the sessions {@code moving} takes (written only, where the commit is
     * {@code behindHead}); the old shadow branches left to delete.
     */
    private Moved move(CommitInfo commitInfo, Optional<CheckpointId> id, StoreSet stores,
            Predicate<SessionState> moving, boolean behindHead) {
        String worktreeId = repository.worktreeId();
        // A session that is done keeps only its transcript position, for a resume: no commit concerns it; nor one
        // quiet between turns that is already based on this commit.
        List<SessionState> local = sessions.listConcerning(commitInfo.id()).stream()
                .filter(state -> state.worktreeId().equals(worktreeId)).filter(moving).toList();
        sessions.forgetDoneBefore(settings.clock().instant().minus(RESUMABLE));
        // The stores' git processes serve this hook's own reads and writes too: one set instead of two.
        GitWorkers workers = stores.gitWorkers();
        Set<SessionId> named = id.map(checkpoint -> namedSessions(local, checkpoint)).orElse(Set.of());
        Commit commit = named.isEmpty() || commitInfo.parents().size() > 1
                ? readApart(commitInfo, id, local, named, stores) : readTogether(commitInfo, id, named);
        Progress progress = new Progress(behindHead);
        // A post-commit interrupted after moving every session still leaves the parent's shadow branch to delete.
        commitInfo.parents().stream().findFirst().ifPresent(progress.oldBases::add);
        ShadowBranches branches = new ShadowBranches(repository, workers);
        CarryForward carry = new CarryForward(repository, workers,
                new ShadowWriter(repository, workers, settings.redaction()), branches, settings);
        for (SessionState listed : local) {
            // Already on this commit and not linked to it: nothing to move (a post-commit run again, or idle sessions
            // that an earlier commit moved here).
            if (listed.baseCommit().equals(commit.head()) && !commit.linked().contains(listed.sessionId())) {
                continue;
            }
            try (SessionLock lock = sessions.lock(listed.sessionId())) {
                sessions.find(listed.sessionId()).ifPresent(state -> advance(state, commit, stores, carry,
                        progress));
            }
        }
        progress.oldBases.remove(commit.head());
        progress.oldBases.removeAll(progress.keptBases);
        return new Moved(new CondenseResult(progress.condensed.isEmpty() ? Optional.empty() : id, progress.condensed,
                progress.failed, progress.carried, List.of(), progress.warnings), Set.copyOf(progress.oldBases));
    }

    /** Deletes the shadow branches of bases no session records onto any more; a warning for each that kept moving. */
    private List<Warning> deleteShadowBranches(Set<ObjectId> oldBases, GitWorkers workers) {
        String worktreeId = repository.worktreeId();
        ShadowBranches branches = new ShadowBranches(repository, workers);
        List<Warning> warnings = new ArrayList<>();
        for (ObjectId base : oldBases) {
            if (!branches.delete(base, worktreeId)) {
                RefName branch = ShadowBranch.name(base, worktreeId);
                warnings.add(Warning.aboutRef(branch.name(), "shadow branch " + branch.shortName()
                        + " kept moving and was not deleted"));
            }
        }
        return warnings;
    }

    /** What moving the sessions past a commit did, and the bases whose shadow branches are left to delete. */
    private record Moved(CondenseResult result, Set<ObjectId> oldBases) {
    }

    /**
     * Moves one session past the commit: condensed if linked, else its work carried onto the new HEAD. A session
     * that fails to condense keeps its state (nothing is lost; {@code entire attach} can still capture it).
     */
    private void advance(SessionState state, Commit commit, StoreSet stores, CarryForward carry, Progress progress) {
        if (!progress.behindHead) {
            progress.oldBases.add(state.baseCommit());
        }
        Instant now = settings.clock().instant();
        SessionState next = state;
        // Already in this checkpoint: an interrupted post-commit got that far, or another hook completed it.
        boolean condensed = commit.checkpointId().isPresent() && state.lastCheckpoint().equals(commit.checkpointId());
        if (commit.linked().contains(state.sessionId()) && !condensed) {
            CheckpointId id = commit.checkpointId().orElseThrow();
            try {
                next = condense(state, id, commit, stores, carry, progress);
                progress.condensed.add(state.sessionId());
            } catch (RuntimeException e) {
                progress.warnings.add(Warning.aboutCheckpoint(id, "checkpoint " + id + ": session "
                        + state.sessionId() + " not written (" + e.getMessage() + "); 'entire attach "
                        + state.sessionId() + "' captures it later").withSessionId(state.sessionId()));
                progress.failed.add(state.sessionId());
                progress.keptBases.add(state.baseCommit());   // its snapshots stay reachable
                return;
            }
        } else if (!progress.behindHead && !state.baseCommit().equals(commit.head())) {
            List<Step> steps = carry.carry(state, commit.head(), lastTranscriptLines(state));
            next = state.rebased(commit.head(), steps, now).withPendingCheckpoint(Optional.empty(), now);
            if (!steps.isEmpty()) {
                progress.carried.add(state.sessionId());
            }
        }
        if (next != state) {
            sessions.save(next);
        }
    }

    /**
     * The commit whose sessions prepare-commit-msg named: what it changed and the lines it added (who wrote them is
     * judged for attribution) come from one git process, which runs while a transcript is prepared.
     */
    private Commit readTogether(CommitInfo commitInfo, Optional<CheckpointId> id, Set<SessionId> named) {
        Background<CommitChanges> diff = Background.start("commit-diff",
                () -> CommitDiff.withPaths(repository, commitInfo.id()));
        return new Commit(commitInfo.id(), id, () -> diff.join().paths(), named,
                () -> Optional.of(new InitialAttributionCalculator(diff.join().files(), commitInfo.tree())));
    }

    /**
     * A merge, or a commit whose sessions none named (found by the files it took): what it changed comes from a git
     * process of its own, and when it links sessions, its lines from another (both run while a transcript is
     * prepared).
     */
    private Commit readApart(CommitInfo commitInfo, Optional<CheckpointId> id, List<SessionState> local,
            Set<SessionId> named, StoreSet stores) {
        Supplier<List<PathChange>> changes = id.isEmpty() || local.isEmpty() ? List::of : Background.start(
                "commit-changes", () -> repository.changes().ofCommit(commitInfo.id()))::join;
        Set<SessionId> linked = !named.isEmpty() ? named
                : id.map(checkpoint -> sessionsTaken(local, checkpoint, changes, stores)).orElse(Set.of());
        Supplier<Optional<InitialAttributionCalculator>> attribution = linked.isEmpty() ? Optional::empty
                : Background.start("commit-diff", () -> Optional.of(new InitialAttributionCalculator(
                        CommitDiff.of(repository, commitInfo.id()), commitInfo.tree())))::join;
        return new Commit(commitInfo.id(), id, changes, linked, attribution);
    }

    /**
     * The commit post-commit runs for: HEAD, its checkpoint trailer, what it changed (read on first use), the
     * sessions it links and what judges who wrote the lines it added.
     */
    private record Commit(ObjectId head, Optional<CheckpointId> checkpointId, Supplier<List<PathChange>> changes,
            Set<SessionId> linked, Supplier<Optional<InitialAttributionCalculator>> attribution) {
    }

    /** What post-commit did so far, gathered across sessions. */
    private static final class Progress {
        /** The commit is behind HEAD: sessions are written, never moved onto it. */
        private final boolean behindHead;
        private final List<SessionId> condensed = new ArrayList<>();
        private final List<SessionId> failed = new ArrayList<>();
        private final List<SessionId> carried = new ArrayList<>();
        private final List<Warning> warnings = new ArrayList<>();
        private final Set<ObjectId> oldBases = new HashSet<>();
        private final Set<ObjectId> keptBases = new HashSet<>();

        Progress(boolean behindHead) {
            this.behindHead = behindHead;
        }
    }

    /**
     * Of the commit's trailers, the one prepare-commit-msg linked sessions to (an amend adds one to those it keeps),
     * by their state or by its owed mark; else the first.
     */
    private Optional<CheckpointId> checkpointToWrite(List<CheckpointId> trailers, List<SessionState> local) {
        OwedCheckpoints owed = new OwedCheckpoints(repository);
        for (CheckpointId id : trailers) {
            if (local.stream().anyMatch(state -> state.pendingCheckpoint().equals(Optional.of(id)))
                    || owed.find(id).filter(mark -> !mark.sessions().isEmpty()).isPresent()) {
                return Optional.of(id);
            }
        }
        return trailers.stream().findFirst();
    }

    /**
     * The sessions prepare-commit-msg linked to this id: by their state, or by the checkpoint's owed mark until their
     * state says so.
     */
    private Set<SessionId> namedSessions(List<SessionState> local, CheckpointId id) {
        Set<SessionId> linked = new HashSet<>();
        List<SessionId> named = new OwedCheckpoints(repository).find(id).map(OwedCheckpoint::sessions)
                .orElse(List.of());
        local.stream().filter(state -> linked(state, id, named)).forEach(state -> linked.add(state.sessionId()));
        return linked;
    }

    /** Whether prepare-commit-msg linked the session to {@code id}: its state says so, or the mark names it. */
    private static boolean linked(SessionState state, CheckpointId id, List<SessionId> named) {
        return state.pendingCheckpoint().equals(Optional.of(id)) || named.contains(state.sessionId());
    }

    /**
     * When prepare-commit-msg named none (it did not run, or the trailer was typed by hand), the sessions whose work
     * the commit takes, unless the checkpoint exists already (an amend keeping its trailer).
     */
    private Set<SessionId> sessionsTaken(List<SessionState> local, CheckpointId id,
            Supplier<List<PathChange>> committed, StoreSet stores) {
        Set<SessionId> linked = new HashSet<>();
        if (!local.isEmpty() && stores.primary().find(id).isEmpty()) {
            local.stream().filter(state -> SessionFiles.overlap(state.files(),
                    SessionFiles.inFlight(state, repository.workTree()), committed.get()))
                    .forEach(state -> linked.add(state.sessionId()));
        }
        return linked;
    }

    private SessionState condense(SessionState state, CheckpointId id, Commit commit, StoreSet stores,
            CarryForward carry, Progress progress) {
        long steps = Math.max(1, state.steps().size());
        SessionCheckpointWriter.Written written = new SessionCheckpointWriter(repository, settings).write(stores, id,
                state, state.transcriptStart(), () -> committedFiles(state, commit.head(), commit.changes().get()),
                state.prompts(), steps, WriteKind.CHECKPOINT, commit.attribution());
        written.write().mirrorWarnings()
                .forEach(warning -> progress.warnings.add(warning.withSessionId(state.sessionId())));
        if (progress.behindHead) {
            return state.writtenLateInto(id, written.transcriptEnd(), settings.clock().instant());
        }
        List<Step> remaining = carry.carry(state, commit.head(), written.transcriptEnd());
        Optional<Finalization> owed = state.isActive() ? Optional.of(new Finalization(id, state.transcriptStart(),
                written.files(), written.prompts(), steps)) : Optional.empty();
        return state.condensed(id, written.transcriptEnd(), commit.head(), remaining, owed,
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
