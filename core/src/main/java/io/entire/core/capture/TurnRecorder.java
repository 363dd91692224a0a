package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.Background;
import io.entire.core.Warning;
import io.entire.core.agent.Agent;
import io.entire.core.agent.LifecycleEvent;
import io.entire.core.agent.LineMark;
import io.entire.core.agent.TranscriptAnalysis;
import io.entire.core.agent.TranscriptEnd;
import io.entire.core.agent.TranscriptFormat;
import io.entire.core.agent.TranscriptPosition;
import io.entire.core.git.CommitInfo;
import io.entire.core.git.GitRepository;
import io.entire.core.git.GitWorkers;
import io.entire.core.git.ObjectId;
import io.entire.core.git.TreeEntry;
import io.entire.core.git.UntrackedAtHead;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import io.entire.core.redact.RedactionRules;
import io.entire.core.session.FileSnapshot;
import io.entire.core.session.Finalization;
import io.entire.core.session.SessionLock;
import io.entire.core.session.SessionPhase;
import io.entire.core.session.SessionState;
import io.entire.core.session.SessionStore;
import io.entire.core.session.Step;
import io.entire.core.store.StoreSet;
import io.entire.core.store.WriteKind;
import io.entire.core.store.shadow.ShadowBranches;
import io.entire.core.store.shadow.StepMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The agent's side of live capture: a prompt starts a turn (and the session, the first time), a stop ends it and
 * records a step with a snapshot on the shadow branch, a session end closes the session. Each call holds the
 * session's lock for its whole read-modify-write.
 */
public final class TurnRecorder {
    private final GitRepository repository;
    private final SessionStore sessions;
    private final InstantSource clock;
    private final Agent agent;
    private final TurnSnapshots snapshots;
    private final RedactionRules redaction;

    /** {@code redaction} holds the project's redaction rules, for the checkpoints a turn or a session end writes. */
    public TurnRecorder(GitRepository repository, SessionStore sessions, InstantSource clock, Agent agent,
            RedactionRules redaction) {
        this.repository = requireNonNull(repository, "repository is null");
        this.redaction = requireNonNull(redaction, "redaction is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.agent = requireNonNull(agent, "agent is null");
        this.snapshots = new TurnSnapshots(repository, sessions.directory());
    }

    /**
     * A turn starts at the transcript's current end: saved when this returns. The work tree as the turn finds it is
     * recorded by the result, which holds the session's lock until then: the caller may answer the agent first, since
     * an agent writes nothing before its model answers, and the stop also takes what the transcript names. {@code
     * staged} is a scratch index in the sessions folder that the work tree was staged into for this turn before the
     * hook ran (the launcher's, while the JVM started): it becomes the turn's snapshot. Without one, or when it cannot
     * be taken, {@code timing} says whether the recording starts now, beside the state's update, or when the caller
     * asks for it.
     */
    public TurnStart turnStarted(LifecycleEvent event, SnapshotTiming timing, Optional<Path> staged) {
        SessionLock lock = sessions.lock(event.sessionId());
        Optional<Background<Void>> snapshot = Optional.empty();
        boolean taken = false;
        try {
            snapshots.forget(event.sessionId());
            taken = staged.isPresent() && snapshots.adopt(event.sessionId(), staged.get());
            if (!taken && timing == SnapshotTiming.BESIDE_THE_START) {
                snapshot = Optional.of(Background.start("turn-snapshot", () -> {
                    snapshots.begin(event.sessionId());
                    return null;
                }));
            }
            Instant now = clock.instant();
            SessionState state = current(event, now);
            Optional<Path> transcript = event.transcript().isPresent() ? event.transcript() : state.transcript();
            TranscriptFormat format = state.agent().transcriptFormat();
            // The last turn began at a mark in the same file: only what was written since is counted.
            LineMark known = transcript.equals(state.transcript()) ? state.turn().mark().orElse(LineMark.START)
                    : LineMark.START;
            Optional<TranscriptEnd> end = transcript.isPresent()
                    ? Optional.of(format.endMarked(transcript.get(), known)) : Optional.empty();
            SessionState started = state.startTurn(event.prompt(), end.isPresent() ? end.get().position().value() : 0,
                    event.transcript(), now);
            if (end.isPresent() && end.get().mark().isPresent()) {
                started = started.withTurnMark(end.get().mark().get());
            }
            sessions.save(started);
            return new TurnStart(started, lock, new WorkTreeRecording(snapshots, event.sessionId(), snapshot, taken));
        } catch (RuntimeException | Error e) {
            if (snapshot.isPresent()) {
                snapshot.get().awaitEnd();
            }
            if (taken || snapshot.isPresent()) {
                snapshots.forget(event.sessionId());   // a turn that did not start has no snapshot
            }
            lock.close();
            throw e;
        }
    }

    /**
     * A turn ends: its changed files become a step and a snapshot; a checkpoint written mid-turn is completed (the
     * only case that opens the stores).
     */
    public StopResult turnEnded(LifecycleEvent event, StoreOpener openStores, String cliVersion) {
        CaptureSettings settings = new CaptureSettings(clock, cliVersion, redaction);
        try (SessionLock lock = sessions.lock(event.sessionId()); GitWorkers workers = new GitWorkers(repository)) {
            Instant now = clock.instant();
            SessionState state = current(event, now).withTranscript(event.transcript());
            // The turn's transcript is parsed while git starts, HEAD is read and the work tree is compared with the
            // turn's start: the parsing reads only the turn's lines, which no carry or rebase below changes.
            SessionState parsed = state;
            Background<TranscriptAnalysis> analysis = Background.start("turn-analysis", () -> analyzeTurn(parsed));
            ObjectId head = workers.reader().findCommit("HEAD").map(CommitInfo::id).orElse(state.baseCommit());
            ShadowWriter shadows = new ShadowWriter(repository, workers, redaction);
            ShadowBranches branches = new ShadowBranches(repository, workers);
            if (!head.equals(state.baseCommit())) {
                // HEAD moved without our post-commit (hooks missing or skipped): carry the work onto the new HEAD.
                state = state.rebased(head, new CarryForward(repository, workers, shadows, branches, settings)
                        .carry(state, head, end(state, state.transcript())), now);
            }
            // The work tree is compared with the turn's start while the transcript is parsed: the two slow reads.
            SessionState current = state;
            Background<Optional<List<String>>> sinceTurnStart = Background.start("turn-changes",
                    () -> snapshots.finish(current.sessionId()));
            TranscriptAnalysis turn = analysis.join();
            Set<String> changed = changedFiles(state, turn, sinceTurnStart.join());
            Map<String, Optional<TreeEntry>> entries = shadows.workTreeEntries(new ArrayList<>(changed));
            Optional<Step> step = newStep(state, turn, ShadowWriter.snapshots(entries), now);
            Optional<ObjectId> snapshot = Optional.empty();
            if (step.isPresent()) {
                List<String> prompts = shadows.redacted(step.get().prompts());
                Map<String, Optional<TreeEntry>> edits = new LinkedHashMap<>(entries);
                edits.putAll(shadows.metadataEntries(state, step.get().number(), turn.end().value(), prompts));
                snapshot = branches.commit(head, state.worktreeId(), edits, StepMessage.of(
                        StepMessage.subject(prompts, state.agent().displayName()), state.sessionId()));
            }
            List<Warning> warnings = new ArrayList<>();
            Optional<Long> finalizedLines = finalize(state, openStores, settings, warnings);
            SessionState ended = state.endTurn(step, event.transcript(), now);
            sessions.save(finalizedLines.map(ended::condensedUpTo).orElse(ended));
            Optional<CheckpointId> finalized = finalizedLines.isEmpty() ? Optional.empty()
                    : state.finalization().map(Finalization::checkpointId);
            return new StopResult(state.sessionId(), step.map(Step::number), List.copyOf(changed), snapshot,
                    finalized, warnings);
        }
    }

    /** The turn's step, unless every file is as the session's steps already have it (nothing new to record). */
    private static Optional<Step> newStep(SessionState state, TranscriptAnalysis turn, List<FileSnapshot> files,
            Instant now) {
        Map<String, FileSnapshot> known = state.files();
        if (files.stream().allMatch(file -> file.equals(known.get(file.path())))) {
            return Optional.empty();
        }
        // The transcript may not hold the turn's prompt yet when the hook ran; the hook's own copy does.
        List<String> prompts = !turn.prompts().isEmpty() || state.prompts().isEmpty() ? turn.prompts()
                : List.of(state.prompts().get(state.prompts().size() - 1));
        return Optional.of(new Step(state.steps().size() + 1, now, files, prompts, turn.tokenUsage(),
                turn.end().value()));
    }

    /**
     * The session ends: a checkpoint still owed its finalization (the agent committed mid-turn and the session ended
     * without that turn's stop) is completed now; the session stays, as ended: its uncommitted work waits for a
     * commit, and a resumed session's next checkpoint starts where its last one ended.
     */
    public SessionEndResult sessionEnded(LifecycleEvent event, StoreOpener openStores, String cliVersion) {
        try (SessionLock lock = sessions.lock(event.sessionId())) {
            Optional<SessionState> found = sessions.find(event.sessionId());
            if (found.isEmpty()) {
                return new SessionEndResult(Optional.empty(), List.of());
            }
            SessionState state = found.get().withTranscript(event.transcript());
            List<Warning> warnings = new ArrayList<>();
            CaptureSettings settings = new CaptureSettings(clock, cliVersion, redaction);
            Optional<Long> finalizedLines = finalize(state, openStores, settings, warnings);
            SessionState ended = state.ended(clock.instant());
            snapshots.discard(event.sessionId());
            sessions.save(finalizedLines.map(ended::condensedUpTo).orElse(ended));
            return new SessionEndResult(finalizedLines.flatMap(lines -> state.finalization()
                    .map(Finalization::checkpointId)), warnings);
        }
    }

    /** The session's state; a new one for a new session, and a fresh start for a resumed one that was done. */
    private SessionState current(LifecycleEvent event, Instant now) {
        Optional<SessionState> found = sessions.find(event.sessionId());
        if (found.isPresent() && found.get().isDone()) {
            return found.get().resumedAs(start(event, now));
        }
        return found.isPresent() ? found.get() : start(event, now);
    }

    private SessionState start(LifecycleEvent event, Instant now) {
        UntrackedAtHead status = repository.changes().untrackedAtHead();
        ObjectId head = status.head().orElseThrow(() -> new CaptureException(
                "the repository has no commits yet; Entire records sessions from the first commit on"));
        return SessionState.start(event.sessionId(), agent, repository.workTree(),
                repository.worktreeId(), head, event.transcript(), status.untracked(), now);
    }

    /**
     * The turn's changed files (what its transcript names, and every change since the turn's start when it was
     * recorded, else what appeared or vanished), minus files another live session of this work tree holds (its steps
     * recorded them, or its turn under way wrote them): concurrent sessions each keep their own files.
     */
    private Set<String> changedFiles(SessionState state, TranscriptAnalysis turn,
            Optional<List<String>> sinceTurnStart) {
        Set<String> untrackedAtStart = Set.copyOf(state.untrackedAtStart());
        Set<String> changed = sinceTurnStart
                .map(paths -> SessionFiles.changedSince(paths, turn.filesTouched(), repository.changes()::status))
                .orElseGet(() -> SessionFiles.changedInTurn(turn.filesTouched(), repository.changes().status(),
                        path -> !untrackedAtStart.contains(path) && modifiedSince(path, state.turn().startedAt())));
        Set<String> ownTargets = Set.copyOf(turn.filesTouched());
        if (ownTargets.containsAll(changed)) {
            return changed;
        }
        Set<String> others = new HashSet<>();
        for (SessionState other : sessions.listLive()) {
            if (!other.sessionId().equals(state.sessionId()) && other.worktreeId().equals(state.worktreeId())
                    && other.phase() != SessionPhase.ENDED) {
                // What its steps recorded, and what its turn under way wrote (read from that turn's mark): a turn of
                // a long session, never its whole transcript.
                others.addAll(other.files().keySet());
                others.addAll(SessionFiles.inFlight(other, repository.workTree()));
            }
        }
        changed.removeIf(path -> !ownTargets.contains(path) && others.contains(path));
        return changed;
    }

    /**
     * Whether a file was written after {@code start}: a file the person created between turns is theirs, not the next
     * turn's. A second of slack covers clocks that stamp files coarsely; an agent writes long after its prompt.
     */
    private boolean modifiedSince(String path, Instant start) {
        try {
            return !Files.getLastModifiedTime(repository.workTree().resolve(path)).toInstant()
                    .isBefore(start.minusSeconds(1));
        } catch (IOException e) {
            return true;   // gone again, or unreadable: what git listed is all we know
        }
    }

    /**
     * Completes a checkpoint written mid-turn with the whole turn, at that turn's stop or at the session's end, and
     * returns the transcript lines it now holds (where the session's next slice starts). A failure (stores that cannot
     * be opened included) is a warning: the hook goes on, and the checkpoint keeps the part of the turn it has.
     */
    private Optional<Long> finalize(SessionState state, StoreOpener openStores, CaptureSettings settings,
            List<Warning> warnings) {
        if (state.finalization().isEmpty()) {
            return Optional.empty();
        }
        Finalization owed = state.finalization().get();
        Optional<Long> finalized = Optional.empty();
        try (StoreSet stores = openStores.open()) {
            SessionCheckpointWriter.Written written = new SessionCheckpointWriter(repository, settings).write(stores,
                    owed.checkpointId(), state, owed.transcriptStart(), owed::files, owed.prompts(),
                    owed.checkpointsCount(), WriteKind.FINALIZE, Optional::empty);
            written.write().mirrorWarnings()
                    .forEach(warning -> warnings.add(warning.withSessionId(state.sessionId())));
            finalized = Optional.of(written.transcriptEnd());
        } catch (RuntimeException e) {
            warnings.add(Warning.aboutCheckpoint(owed.checkpointId(), "checkpoint " + owed.checkpointId()
                    + (finalized.isPresent() ? ": finalized, but closing its stores failed ("
                    : ": transcript not finalized (") + e.getMessage() + ")").withSessionId(state.sessionId()));
        }
        return finalized;
    }

    /** The running turn's part of the transcript, read from where the transcript ended when the turn began. */
    private TranscriptAnalysis analyzeTurn(SessionState state) {
        TranscriptFormat format = state.agent().transcriptFormat();
        TranscriptPosition start = format.position(state.turn().transcriptStart());
        Optional<Path> transcript = state.transcript();
        if (transcript.isEmpty() || !Files.isRegularFile(transcript.get())) {
            return TranscriptAnalysis.empty(start);
        }
        return state.turn().mark().map(mark -> format.analyze(transcript.get(), start, mark, repository.workTree()))
                .orElseGet(() -> format.analyze(transcript.get(), start, repository.workTree()));
    }

    /** Where {@code transcript} ends now, in the session's agent's unit; 0 when there is none. */
    private static long end(SessionState state, Optional<Path> transcript) {
        return transcript.isEmpty() ? 0 : state.agent().transcriptFormat().end(transcript.get()).value();
    }

    /**
     * What records the work tree as a turn found it: nothing when the launcher's staging was taken, else the
     * recording under way ({@link SnapshotTiming#BESIDE_THE_START}) awaited, or one made now.
     */
    private record WorkTreeRecording(TurnSnapshots snapshots, SessionId session, Optional<Background<Void>> running,
            boolean taken) implements Runnable {
        @Override
        public void run() {
            if (running.isPresent()) {
                running.get().awaitEnd();
            } else if (!taken) {
                snapshots.begin(session);
            }
        }
    }
}
