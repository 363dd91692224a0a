package io.entire.core.recover;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;
import io.entire.core.Warning;
import io.entire.core.agent.Agent;
import io.entire.core.agent.Agents;
import io.entire.core.git.BatchReader;
import io.entire.core.git.CommitInfo;
import io.entire.core.git.GitObject;
import io.entire.core.git.GitRepository;
import io.entire.core.git.ObjectId;
import io.entire.core.git.StatusEntry;
import io.entire.core.git.WorkTreeCheckout;
import io.entire.core.id.SessionId;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.session.SessionPhase;
import io.entire.core.session.SessionState;
import io.entire.core.session.SessionStore;
import io.entire.core.store.StoreSet;
import io.entire.core.store.StoredSession;
import io.entire.core.store.shadow.StepMessage;
import io.entire.core.store.shadow.TaskStep;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Rewinds a work tree to a recorded point in two moves: {@link #plan} checks everything and changes nothing (unknown
 * point, changes no step recorded, missing objects all stop it there); {@link #apply} carries the plan out. A step
 * brings back its files and cuts the session's transcript to the step (the cut lines are kept, see
 * {@link TranscriptFiles}); a committed point brings back its sessions' transcripts and, with a reset, the commit.
 */
public final class Rewinder {
    private final GitRepository repository;
    private final StoreSet stores;
    private final AgentTranscripts agents;
    private final SessionStore sessions;
    private final RewindPoints points;

    public Rewinder(GitRepository repository, StoreSet stores, SessionStore sessions, AgentTranscripts agents) {
        this.repository = requireNonNull(repository, "repository is null");
        this.stores = requireNonNull(stores, "stores is null");
        this.agents = requireNonNull(agents, "agents is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.points = new RewindPoints(repository, sessions);
    }

    /** Every point, newest first. */
    public List<RewindPoint> points() {
        return points.list();
    }

    /** What rewinding to the point would change; nothing is written. */
    public RewindPlan plan(String pointId, RewindMode mode) {
        RewindPoint point = points.resolve(pointId);
        ObjectId head = repository.findCommit("HEAD").orElseThrow();
        return switch (point.kind()) {
            case STEP, TASK -> planStep(point, head, mode);
            case COMMIT -> planCommit(point, head, mode);
        };
    }

    private RewindPlan planStep(RewindPoint point, ObjectId head, RewindMode mode) {
        if (mode == RewindMode.RESET) {
            throw new EntireException(EntireException.Category.USAGE, "--reset moves the branch to a committed point;"
                    + " " + point.id() + " is a step of a session not committed yet");
        }
        ShadowSteps shadow = points.steps(head);
        Set<String> keep = new HashSet<>();
        Set<SessionId> seen = new HashSet<>();
        for (CommitInfo step : shadow.steps()) {
            RewindPoints.sessionOf(step.message()).filter(seen::add).flatMap(points::findState)
                    .ifPresent(state -> keep.addAll(state.untrackedAtStart()));
        }
        Optional<SessionState> state = point.session().flatMap(points::findState);
        if (state.isPresent() && state.get().phase() == SessionPhase.ACTIVE) {
            throw new EntireException(EntireException.Category.STATE, "session " + state.get().sessionId()
                    + " is in the middle of a turn; let the agent stop (or exit it), then rewind");
        }
        try (BatchReader reader = repository.openReader()) {
            int index = shadow.indexOf(point.commit());
            List<FileChange> files = mode == RewindMode.LOGS_ONLY ? List.of()
                    : new StepFiles(repository, reader, agents).changesTo(shadow, index, keep, point.id());
            List<Warning> warnings = new ArrayList<>();
            Optional<StepTranscript> transcript = point.session().flatMap(session -> point.kind()
                    == RewindPoint.Kind.TASK ? taskTranscript(reader, point, session, state, warnings)
                    : stepTranscript(reader, point, session, state, warnings));
            return new RewindPlan(point, mode, head, files, transcript, Optional.empty(), List.of(),
                    Optional.empty(), warnings);
        }
    }

    /**
     * The session's transcript at the step, from the step's metadata: the file and its length then (this program's
     * steps), or the transcript itself (the Go tool's).
     */
    private Optional<StepTranscript> stepTranscript(BatchReader reader, RewindPoint point, SessionId session,
            Optional<SessionState> state, List<Warning> warnings) {
        String folder = point.commit().hex() + ":" + StepMessage.metadataFolder(session) + "/";
        Optional<GitObject> metadata = reader.find(folder + "metadata.json");
        // The Go tool's steps hold the transcript as full.jsonl, older ones as full.log.
        Optional<ObjectId> full = reader.find(folder + "full.jsonl").or(() -> reader.find(folder + "full.log"))
                .filter(object -> object.type().equals("blob")).map(GitObject::id);
        JsonObject json = JsonObject.EMPTY;
        if (metadata.isPresent() && metadata.get().type().equals("blob")) {
            try {
                json = new JsonReader().parseObject(metadata.get().content());
            } catch (RuntimeException malformed) {
                throw new PointDataMissingException("step " + point.id(), "its metadata for session " + session
                        + " cannot be read (" + malformed.getMessage() + ")", malformed);
            }
        }
        Optional<Long> lines = json.findLong("transcript_lines");
        if (full.isEmpty() && lines.isEmpty()) {
            return Optional.empty();
        }
        return writableFile(session, json.findString("transcript_path").filter(path -> !path.isEmpty())
                .map(Path::of), state, warnings).map(target -> new StepTranscript(session, target.agent(),
                        target.file(), lines.orElse(0L), full.stream().toList(), Optional.empty()));
    }

    /**
     * The session's transcript at a subagent task the Go tool recorded: its stored transcript up to the task's result.
     * A step inside a running subagent records neither (nor does the Go tool's rewind restore one there), so the
     * transcript stays as it is, and a warning says so.
     */
    private Optional<StepTranscript> taskTranscript(BatchReader reader, RewindPoint point, SessionId session,
            Optional<SessionState> state, List<Warning> warnings) {
        String message = reader.readCommit(point.commit()).message();
        TaskStep task = TaskStep.read(reader, point.commit(), StepMessage.taskFolder(message).orElseThrow());
        if (task.resultLine().isEmpty() || task.transcriptChunks().isEmpty()) {
            warnings.add(new Warning("the transcript of session " + session + " stays as it is: task " + point.id()
                    + " was recorded inside a running subagent, with no transcript of its own", Optional.empty(),
                    Optional.of(session), Optional.empty()));
            return Optional.empty();
        }
        return writableFile(session, Optional.empty(), state, warnings).map(target -> new StepTranscript(session,
                target.agent(), target.file(), 0, task.transcriptChunks(), task.resultLine()));
    }

    /**
     * Where the session's transcript goes back: the file the step names, else the session's, else where its agent
     * keeps it; empty (with a warning) when that is no transcript file of the agent's.
     */
    private Optional<AgentFile> writableFile(SessionId session, Optional<Path> named, Optional<SessionState> state,
            List<Warning> warnings) {
        // A step whose session has no state here is the Go tool's, which wrote steps for Claude Code, the default.
        Agent agent = state.map(SessionState::agent).orElseGet(() -> Agents.bySlug(Agents.DEFAULT_SLUG));
        Path file = named.or(() -> state.flatMap(SessionState::transcript))
                .orElseGet(() -> agents.restoreTarget(agent, session, repository.workTree(), Optional.empty()).file());
        if (!agents.mayWrite(agent, file)) {
            warnings.add(new Warning("the transcript of session " + session + " stays as it is: the step names " + file
                    + ", which is not one of " + agent.displayName() + "'s transcript files here", Optional.empty(),
                    Optional.of(session), Optional.empty()));
            return Optional.empty();
        }
        return Optional.of(new AgentFile(agent, file));
    }

    private record AgentFile(Agent agent, Path file) {
    }

    private RewindPlan planCommit(RewindPoint point, ObjectId head, RewindMode mode) {
        StoreSet.Located located = stores.find(point.checkpoint().orElseThrow()).orElseThrow(() ->
                new PointDataMissingException("checkpoint " + point.id(), "linked from commit "
                        + point.commit().abbreviated() + " but neither stored here nor on the remote; nothing was"
                        + " changed"));
        List<StoredSession> stored = located.checkpoint().sessions().stream().filter(StoredSession::hasTranscript)
                .toList();
        StoredTranscripts transcripts = new StoredTranscripts(repository, agents,
                new TranscriptFiles(repository.commonDir()));
        stored.forEach(session -> transcripts.requireRestorable(located, session));
        Optional<ObjectId> resetTo = Optional.empty();
        if (mode == RewindMode.RESET && !point.commit().equals(head)) {
            List<String> changed = new ArrayList<>();
            for (StatusEntry entry : repository.changes().status()) {
                if (!entry.isUntracked()) {
                    changed.add(entry.path());
                }
            }
            if (!changed.isEmpty()) {
                throw new UnsavedChangesException(changed, "commit or stash them before --reset");
            }
            resetTo = Optional.of(point.commit());
        }
        return new RewindPlan(point, mode, head, List.of(), Optional.empty(), Optional.of(located), stored, resetTo,
                List.of());
    }

    /** Carries out a plan made by {@link #plan} in this run. */
    public RewindResult apply(RewindPlan plan) {
        TranscriptFiles transcripts = new TranscriptFiles(repository.commonDir());
        List<TranscriptRestore> restored = new ArrayList<>();
        List<Warning> warnings = new ArrayList<>(plan.warnings());
        try (BatchReader reader = repository.openReader()) {
            WorkTreeFiles files = new WorkTreeFiles(repository.workTree(), reader);
            plan.files().forEach(files::apply);
            if (plan.point().kind() != RewindPoint.Kind.COMMIT && plan.mode() == RewindMode.RESTORE) {
                new ShadowRewind(repository).record(reader, plan.head(), plan.point(), plan.point().session())
                        .ifPresent(warnings::add);
            }
            plan.stepTranscript().ifPresent(step -> restored.add(restoreStep(reader, transcripts, step)));
        }
        StoredTranscripts stored = new StoredTranscripts(repository, agents, transcripts);
        plan.checkpoint().ifPresent(located -> plan.storedSessions().forEach(session ->
                restored.add(stored.restore(located, session, Overwrite.REPLACE))));
        plan.resetTo().ifPresent(commit -> new WorkTreeCheckout(repository).resetKeep(commit));
        return new RewindResult(plan.point(), plan.files(), restored,
                plan.resetTo().isPresent() ? Optional.of(plan.head()) : Optional.empty(), warnings);
    }

    private TranscriptRestore restoreStep(BatchReader reader, TranscriptFiles transcripts, StepTranscript step) {
        TranscriptFiles.Written written;
        if (!step.chunks().isEmpty()) {
            try {
                Path content = Files.createTempFile(repository.commonDir(), "entire-rewind-", ".jsonl");
                try {
                    StoredStepTranscript.write(reader, step, content);
                    written = transcripts.replace(step.session(), step.file(), content, Overwrite.REPLACE);
                } finally {
                    Files.deleteIfExists(content);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("restoring the transcript of session " + step.session(), e);
            }
        } else {
            written = transcripts.cutTo(step.session(), step.file(), step.lines());
        }
        return new TranscriptRestore(step.session(), step.file(), written.outcome(), written.backup(),
                Optional.empty(), step.agent().resumeCommand(step.session()));
    }
}
