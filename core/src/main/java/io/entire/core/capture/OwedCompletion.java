package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.Warning;
import io.entire.core.git.CommitInfo;
import io.entire.core.git.GitRepository;
import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import io.entire.core.session.CommitUnderWay;
import io.entire.core.session.OwedCheckpoint;
import io.entire.core.session.OwedCheckpoints;
import io.entire.core.session.SessionStore;
import io.entire.core.store.StoreSet;
import io.entire.core.trailers.Trailers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Completes the checkpoints this work tree's commits owe after an interrupted post-commit (its JVM killed, its hook
 * server gone): from the sessions' state, exactly as that post-commit would have, and idempotently, so a mark left
 * after the work was done just goes. Every hook runs it first when {@link OwedCheckpoints#anyToComplete} says so.
 */
public final class OwedCompletion {
    /** Hooks that tried and failed this often leave the session to {@code entire attach}: every hook would pay. */
    static final int MAX_ATTEMPTS = 3;

    private final GitRepository repository;
    private final SessionStore sessions;
    private final CaptureSettings settings;

    public OwedCompletion(GitRepository repository, SessionStore sessions, CaptureSettings settings) {
        this.repository = requireNonNull(repository, "repository is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    public OwedResult complete(StoreSet stores, CommitUnderWay underWay) {
        return complete(stores, underWay, Set.of());
    }

    /** Completes every mark of this work tree but {@code skipped} (the checkpoint of the post-commit asking). */
    OwedResult complete(StoreSet stores, CommitUnderWay underWay, Set<CheckpointId> skipped) {
        OwedCheckpoints owed = new OwedCheckpoints(repository);
        Outcomes outcomes = new Outcomes();
        for (OwedCheckpoint listed : owed.list()) {
            if (skipped.contains(listed.checkpointId())) {
                continue;
            }
            // A post-commit at work (or another hook completing the mark) holds its lock; a killed one held it no more.
            Optional<OwedCheckpoints.Lock> lock = owed.tryLock(listed.checkpointId());
            if (lock.isEmpty()) {
                continue;
            }
            try (OwedCheckpoints.Lock held = lock.get()) {
                owed.find(listed.checkpointId()).ifPresent(current -> completeOne(current, owed, stores, underWay,
                        outcomes));
            }
        }
        return new OwedResult(outcomes.completed, outcomes.dropped, outcomes.warnings);
    }

    private void completeOne(OwedCheckpoint mark, OwedCheckpoints owed, StoreSet stores, CommitUnderWay underWay,
            Outcomes outcomes) {
        CheckpointId id = mark.checkpointId();
        Optional<ObjectId> commit = mark.commit().or(() -> madeAtHead(mark, owed, stores));
        if (commit.isEmpty()) {
            if (underWay == CommitUnderWay.NONE) {
                owed.clear(id);   // the commit was given up (no message, a hook refused it...)
                outcomes.dropped.add(id);
            } else {
                owed.record(mark.withHeadLogSize(owed.headLogSize()));   // look again once HEAD moves
            }
            return;
        }
        if (mark.attempts() >= MAX_ATTEMPTS) {
            owed.clear(id);
            outcomes.warnings.add(Warning.aboutCheckpoint(id, "checkpoint " + id + " of commit " + commit.get().hex()
                    + " still not written after " + MAX_ATTEMPTS + " attempts; the sessions keep their work:"
                    + " 'entire attach <session-id>' captures it"));
            outcomes.dropped.add(id);
            return;
        }
        OwedCheckpoint attempt = mark.withCommit(commit.get()).withAttempt();
        owed.record(attempt);
        Optional<CommitInfo> made = stores.gitWorkers().reader().findCommit(commit.get().hex());
        if (made.isEmpty()) {
            owed.clear(id);
            outcomes.warnings.add(Warning.aboutCheckpoint(id, "checkpoint " + id + ": its commit " + commit.get().hex()
                    + " is gone; not written"));
            outcomes.dropped.add(id);
            return;
        }
        Condenser condenser = new Condenser(repository, sessions, settings);
        boolean atHead = stores.gitWorkers().reader().findCommit("HEAD")
                .filter(head -> head.id().equals(commit.get())).isPresent();
        CondenseResult result = atHead ? condenser.condense(made.get(), Optional.of(id), stores)
                : condenser.condenseBehindHead(made.get(), attempt, stores);
        outcomes.warnings.addAll(result.warnings());
        if (result.failed().isEmpty()) {
            owed.clear(id);
            outcomes.completed.add(id);
        } else {
            // The sessions written are done with this checkpoint: a retry must not take them back from later ones.
            owed.record(attempt.withSessions(result.failed()));
        }
    }

    /** HEAD, when it moved since the mark was written and carries the mark's checkpoint: the commit was made. */
    private static Optional<ObjectId> madeAtHead(OwedCheckpoint mark, OwedCheckpoints owed, StoreSet stores) {
        if (mark.headLogSize() >= 0 && mark.headLogSize() == owed.headLogSize()) {
            return Optional.empty();
        }
        return stores.gitWorkers().reader().findCommit("HEAD")
                .filter(head -> Trailers.checkpointIds(head.message()).contains(mark.checkpointId()))
                .map(CommitInfo::id);
    }

    /** What the marks came to, gathered across them. */
    private static final class Outcomes {
        private final List<CheckpointId> completed = new ArrayList<>();
        private final List<CheckpointId> dropped = new ArrayList<>();
        private final List<Warning> warnings = new ArrayList<>();
    }
}
