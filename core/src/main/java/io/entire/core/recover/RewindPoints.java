package io.entire.core.recover;

import static java.util.Objects.requireNonNull;

import io.entire.core.store.shadow.ShadowBranch;
import io.entire.core.store.shadow.StepMessage;
import io.entire.core.git.CommitInfo;
import io.entire.core.git.GitRepository;
import io.entire.core.git.LoggedCommit;
import io.entire.core.git.ObjectId;
import io.entire.core.git.RangeLog;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.InvalidIdException;
import io.entire.core.id.SessionId;
import io.entire.core.session.SessionState;
import io.entire.core.session.SessionStore;
import io.entire.core.trailers.Trailers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The points a rewind can go to, newest first: the steps of this work tree's sessions on HEAD's shadow branch, then
 * the checkpoints linked from commits reachable from HEAD.
 */
public final class RewindPoints {
    private static final Pattern STEP_ID = Pattern.compile("[0-9a-f]{7,64}");
    private static final String SESSION_TRAILER = "Entire-Session: ";
    private static final int LABEL_LENGTH = 72;

    private final GitRepository repository;
    private final SessionStore sessions;

    public RewindPoints(GitRepository repository, SessionStore sessions) {
        this.repository = requireNonNull(repository, "repository is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
    }

    /** Every point, newest first: steps, then committed points. */
    public List<RewindPoint> list() {
        List<RewindPoint> points = new ArrayList<>();
        repository.findCommit("HEAD").ifPresent(head -> {
            List<CommitInfo> steps = steps(head).steps();
            Map<ObjectId, Instant> dates = new HashMap<>();
            if (!steps.isEmpty()) {
                String range = head.hex() + ".." + steps.get(steps.size() - 1).id().hex();
                RangeLog.mentioning(repository, range, SESSION_TRAILER.strip())
                        .forEach(commit -> dates.put(commit.id(), commit.committedAt()));
            }
            for (int i = steps.size() - 1; i >= 0; i--) {
                points.add(stepPoint(steps.get(i), Optional.ofNullable(dates.get(steps.get(i).id()))));
            }
            points.addAll(committed(head));
        });
        return points;
    }

    /** The point an id from {@link #list} names; a step may be named by any 7 or more leading hex digits. */
    public RewindPoint resolve(String id) {
        if (CheckpointId.parse(id).isEmpty() && !STEP_ID.matcher(id).matches()) {
            throw new InvalidIdException("'" + id + "' is not a rewind point id: give a step or checkpoint id that"
                    + " entire rewind --list shows");
        }
        List<RewindPoint> points = list();
        for (RewindPoint point : points) {
            if (point.checkpoint().map(CheckpointId::value).equals(Optional.of(id))) {
                return point;
            }
        }
        List<RewindPoint> steps = points.stream().filter(point -> point.kind() != RewindPoint.Kind.COMMIT
                && point.commit().hex().startsWith(id)).toList();
        if (steps.size() > 1) {
            throw new UnknownPointException(id, "names " + steps.size() + " steps; give more digits");
        }
        return steps.stream().findFirst().orElseThrow(() -> new UnknownPointException(id, "is neither a step of"
                + " this work tree's sessions on HEAD nor a checkpoint of HEAD's history (see entire rewind --list)"));
    }

    /** The steps on HEAD's shadow branch of this work tree, oldest first. */
    ShadowSteps steps(ObjectId head) {
        Optional<ObjectId> tip = repository.refs().find(ShadowBranch.name(head, repository.worktreeId()));
        if (tip.isEmpty()) {
            return new ShadowSteps(head, List.of());
        }
        return new ShadowSteps(head, repository.commits(repository.commitsBetween(head, tip.get())));
    }

    private List<RewindPoint> committed(ObjectId head) {
        List<RewindPoint> points = new ArrayList<>();
        for (LoggedCommit commit : repository.commitsMentioning(Trailers.CHECKPOINT_KEY + ":",
                List.of(head.hex()))) {
            for (CheckpointId id : Trailers.checkpointIds(commit.message())) {
                points.add(new RewindPoint(id.value(), RewindPoint.Kind.COMMIT, commit.id(), Optional.empty(),
                        Optional.of(id), id.createdAt(), label(subject(commit.message()))));
            }
        }
        return points;
    }

    /**
     * A step as either tool writes it: its subject is the turn's prompt (FORMATS.md 8), and its time the commit's,
     * so that a step whose session state is gone, or the Go tool's, reads like any other. The Go tool's subagent
     * tasks are tasks, as its own rewind lists them: their commits hold another folder's data than a step's.
     */
    private static RewindPoint stepPoint(CommitInfo commit, Optional<Instant> createdAt) {
        RewindPoint.Kind kind = StepMessage.taskFolder(commit.message()).isPresent() ? RewindPoint.Kind.TASK
                : RewindPoint.Kind.STEP;
        return new RewindPoint(commit.id().abbreviated(), kind, commit.id(),
                sessionOf(commit.message()), Optional.empty(), createdAt, label(subject(commit.message())));
    }

    /** A session's state, if it is still readable; a rewind goes on without an unreadable one. */
    Optional<SessionState> findState(SessionId session) {
        try {
            return sessions.find(session);
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    static Optional<SessionId> sessionOf(String message) {
        for (String line : message.split("\n")) {
            if (line.startsWith(SESSION_TRAILER)) {
                try {
                    return Optional.of(SessionId.of(line.substring(SESSION_TRAILER.length()).strip()));
                } catch (InvalidIdException invalid) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static String subject(String message) {
        return message.lines().findFirst().orElse("").strip();
    }

    private static String label(String text) {
        String line = text.replace('\n', ' ').strip();
        return line.length() <= LABEL_LENGTH ? line : line.substring(0, LABEL_LENGTH - 3) + "...";
    }
}
