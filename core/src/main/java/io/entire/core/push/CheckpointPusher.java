package io.entire.core.push;

import static java.util.Objects.requireNonNull;

import io.entire.core.Log;
import io.entire.core.Progress;
import io.entire.core.ProgressCount;
import io.entire.core.git.GitRepository;
import io.entire.core.git.ObjectId;
import io.entire.core.git.PushResult;
import io.entire.core.git.PushStatus;
import io.entire.core.git.RefName;
import io.entire.core.git.Remote;
import io.entire.core.git.RemoteException;
import io.entire.core.id.CheckpointId;
import io.entire.core.push.PushFailure.Reason;
import io.entire.core.push.PushFailure.RefRejected;
import io.entire.core.store.StoreSet;
import io.entire.core.store.branch.BranchStore;
import io.entire.core.store.refs.CheckpointRefs;
import io.entire.core.store.refs.RefStore;
import io.entire.core.store.v2.V2Refs;
import io.entire.core.store.v2.V2Store;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sends checkpoint data to a remote in one {@code git push} where it can: the queued refs of the ref store
 * (FORMATS.md 5), the v1 branch where the mode writes it, and the v2 refs when they are written. Never forces. Queue
 * entries leave only when the remote confirmed them; a remote that moved on is reconciled and pushed again; an
 * unreachable remote, or the remote's deadline, leaves the rest for next time.
 */
public final class CheckpointPusher {
    private static final System.Logger LOG = Log.of(CheckpointPusher.class);

    /** Refspecs in one {@code git push}: ~250 KB of command line, well below the system's limit on arguments. */
    static final int MAX_REFS_AT_ONCE = 2_000;
    private static final int RECONCILE_ATTEMPTS = 3;
    static final String KEPT_MOVING = "the remote kept moving; push again later";

    private final GitRepository repository;
    private final StoreSet stores;
    private final PushQueue queue;

    public CheckpointPusher(GitRepository repository, StoreSet stores) {
        this.repository = requireNonNull(repository, "repository is null");
        this.stores = requireNonNull(stores, "stores is null");
        this.queue = new PushQueue(repository.commonDir());
    }

    /**
     * Pushes everything that differs from the remote in one {@code git push}, then reconciles and retries only what
     * the remote refused. Stops at the remote's deadline; what was not confirmed by then stays for the next push.
     * {@code progress} counts the refs whose outcome is known, of those that differ from the remote; it hears nothing
     * when nothing differs.
     */
    public PushReport push(Remote remote, Progress progress) {
        Map<RefName, ObjectId> remoteRefs;
        try {
            remoteRefs = remote.listRefs(List.of(CheckpointRefs.PREFIX + "*", BranchStore.BRANCH.name()));
        } catch (RemoteException e) {
            if (remote.deadline().passed()) {
                return outOfTime(remote, new Tally());
            }
            PushFailure failure = PushFailure.ofRemote(remote.name(), e);
            Log.record(failure.event(Instant.now(), CheckpointPusher.class.getSimpleName()));
            return PushReport.unreachable(remote.name(), failure, queuedCount());
        }
        Tally tally = new Tally();
        // one process, not one a ref
        Map<RefName, ObjectId> localRefs = stores.refStore().isPresent() ? repository.refs().list(CheckpointRefs.PREFIX)
                : Map.of();
        List<RefName> queued = stores.refStore().map(store -> pendingInQueue(localRefs, remoteRefs, tally))
                .orElse(List.of());
        Optional<BranchStore> branch = stores.branchStore().filter(store -> repository.refs().find(BranchStore.BRANCH)
                .filter(tip -> !tip.equals(remoteRefs.get(BranchStore.BRANCH))).isPresent());
        Map<RefName, ObjectId> localV2 = stores.v2Store().isPresent() ? repository.refs().list(V2Refs.PREFIX)
                : Map.of();
        List<RefName> v2 = new ArrayList<>();
        localV2.forEach((ref, tip) -> {
            if (!tip.equals(remoteRefs.get(ref))) {
                v2.add(ref);
            }
        });
        ProgressCount settled = ProgressCount.start(progress, queued.size() + (branch.isPresent() ? 1 : 0) + v2.size());
        Map<RefName, PushResult> results;
        if (queued.size() > MAX_REFS_AT_ONCE && differingAreExactly(localRefs, remoteRefs, queued, v2)) {
            results = pushTogether(remote, CheckpointRefs.PREFIX, branch.isPresent() ? List.of(BranchStore.BRANCH)
                    : List.of());
        } else {
            List<RefName> all = new ArrayList<>(queued.subList(0, Math.min(queued.size(), MAX_REFS_AT_ONCE)));
            branch.ifPresent(store -> all.add(BranchStore.BRANCH));
            all.addAll(v2);
            results = pushTogether(remote, all);
        }
        stores.refStore().ifPresent(store -> finishQueue(remote, store, queued, results, tally, settled));
        boolean branchPushed = branch.map(store -> finishBranch(remote, store, results.get(BranchStore.BRANCH), tally))
                .orElse(false);
        settled.add(branch.isPresent() ? 1 : 0);
        stores.v2Store().ifPresent(store -> finishV2(remote, store, v2, results, remoteRefs, localV2, tally));
        settled.add(v2.size());
        if (remote.deadline().passed()) {
            return outOfTime(remote, tally);
        }
        tally.failed.forEach(failure -> Log.record(failure.event(Instant.now(),
                CheckpointPusher.class.getSimpleName())));
        return new PushReport(remote.name(), false, false, tally.pushed, tally.alreadyThere, tally.dropped,
                tally.reconciled, branchPushed, tally.failed, queuedCount());
    }

    private PushReport outOfTime(Remote remote, Tally tally) {
        return new PushReport(remote.name(), false, true, tally.pushed, tally.alreadyThere, tally.dropped,
                tally.reconciled, false, List.of(), queuedCount());
    }

    /** The refs waiting for a later push; none where no ref store is written, as nothing queues them. */
    private int queuedCount() {
        return stores.refStore().isPresent() ? queue.entries().size() : 0;
    }

    /**
     * One {@code git push} of every ref, each ref's outcome by name; empty when the push as a whole failed (a ref
     * the remote cannot take at all, a dropped connection), and each kind of ref is then pushed on its own.
     */
    private static Map<RefName, PushResult> pushTogether(Remote remote, List<RefName> refs) {
        Map<RefName, PushResult> results = new HashMap<>();
        if (refs.isEmpty()) {
            return results;
        }
        try {
            remote.push(refs).forEach(result -> results.put(result.ref(), result));
        } catch (RemoteException e) {
            LOG.log(Level.DEBUG, "pushing " + refs.size() + " refs at once failed; trying them apart: "
                    + e.getMessage());
        }
        return results;
    }

    /**
     * Whether the refs under the checkpoint prefix that differ from the remote's are exactly {@code queued} and
     * {@code v2}: then one glob refspec pushes what naming them would, and nothing fetched from others.
     */
    private static boolean differingAreExactly(Map<RefName, ObjectId> localRefs, Map<RefName, ObjectId> remoteRefs,
            List<RefName> queued, List<RefName> v2) {
        Set<RefName> wanted = new HashSet<>(queued);
        wanted.addAll(v2);
        int differing = 0;
        for (Map.Entry<RefName, ObjectId> local : localRefs.entrySet()) {
            if (!local.getValue().equals(remoteRefs.get(local.getKey()))) {
                if (!wanted.contains(local.getKey())) {
                    return false;
                }
                differing++;
            }
        }
        return differing == wanted.size();
    }

    /** As {@link #pushTogether(Remote, List)}, for every differing ref under {@code prefix} and {@code refs}. */
    private static Map<RefName, PushResult> pushTogether(Remote remote, String prefix, List<RefName> refs) {
        Map<RefName, PushResult> results = new HashMap<>();
        try {
            remote.pushEverythingUnder(prefix, refs).forEach(result -> results.put(result.ref(), result));
        } catch (RemoteException e) {
            LOG.log(Level.DEBUG, "pushing every ref under " + prefix + " failed; trying them apart: "
                    + e.getMessage());
        }
        return results;
    }

    /** Drops deleted and confirmed refs from the queue; returns the queued refs the remote lacks. */
    private List<RefName> pendingInQueue(Map<RefName, ObjectId> localRefs, Map<RefName, ObjectId> remoteRefs,
            Tally tally) {
        List<RefName> pending = new ArrayList<>();
        List<RefName> confirmed = new ArrayList<>();
        List<RefName> gone = new ArrayList<>();
        for (RefName ref : queue.entries()) {
            Optional<ObjectId> local = Optional.ofNullable(localRefs.get(ref));
            if (local.isEmpty()) {
                gone.add(ref);
            } else if (local.equals(Optional.ofNullable(remoteRefs.get(ref)))) {
                confirmed.add(ref);
                tally.alreadyThere++;
            } else {
                pending.add(ref);
            }
        }
        queue.removeAll(gone);
        tally.dropped += gone.size();
        queue.removeAll(confirmed);
        return pending;
    }

    /** Settles what the first push answered; pushes the rest in batches. Refs leave the queue batch by batch. */
    private void finishQueue(Remote remote, RefStore store, List<RefName> pending, Map<RefName, PushResult> results,
            Tally tally, ProgressCount settled) {
        List<RefName> done = new ArrayList<>();
        List<RefName> unanswered = new ArrayList<>();
        for (RefName ref : pending) {
            PushResult result = results.get(ref);
            if (result == null) {
                unanswered.add(ref);
            } else if (settle(remote, store, result, tally)) {
                done.add(ref);
            }
        }
        queue.removeAll(done);
        settled.add(pending.size() - unanswered.size());
        for (int start = 0; start < unanswered.size(); start += MAX_REFS_AT_ONCE) {
            List<RefName> batch = unanswered.subList(start, Math.min(unanswered.size(), start + MAX_REFS_AT_ONCE));
            queue.removeAll(pushBatch(remote, store, batch, tally));
            settled.add(batch.size());
        }
    }

    /** Whether one queued ref is on the remote now, reconciling it first if the remote moved on. */
    private boolean settle(Remote remote, RefStore store, PushResult result, Tally tally) {
        return switch (result.status()) {
            case ACCEPTED -> {
                tally.pushed++;
                yield true;
            }
            case REJECTED_STALE -> reconcileAndPush(remote, store, result.ref(), tally);
            case REJECTED_OTHER -> {
                tally.failed.add(RefRejected.byRemote(result.ref(), result.detail()));
                yield false;
            }
        };
    }

    private boolean finishBranch(Remote remote, BranchStore branch, PushResult result, Tally tally) {
        if (result == null || result.status() == PushStatus.REJECTED_STALE) {
            return pushBranch(remote, branch, tally);
        }
        if (result.status() == PushStatus.REJECTED_OTHER) {
            tally.failed.add(RefRejected.byRemote(BranchStore.BRANCH, result.detail()));
            return false;
        }
        return true;
    }

    /** When the remote took every v2 ref, done; otherwise the v2 procedure (archives first) takes over from here. */
    private void finishV2(Remote remote, V2Store store, List<RefName> sent, Map<RefName, PushResult> results,
            Map<RefName, ObjectId> remoteRefs, Map<RefName, ObjectId> localV2, Tally tally) {
        Map<RefName, ObjectId> now = new HashMap<>(remoteRefs);
        boolean allAccepted = true;
        for (RefName ref : sent) {
            PushResult result = results.get(ref);
            if (result != null && result.status() == PushStatus.ACCEPTED) {
                now.put(ref, localV2.get(ref));
                tally.pushed++;
            } else {
                allAccepted = false;
            }
        }
        if (!allAccepted) {
            new V2Pusher(repository, store).push(remote, now, tally);
        }
    }

    /** Pushes a batch; a batch the remote will not take as a whole is halved down to single refs. */
    private List<RefName> pushBatch(Remote remote, RefStore store, List<RefName> batch, Tally tally) {
        if (remote.deadline().passed()) {
            return List.of();
        }
        List<PushResult> results;
        try {
            results = remote.push(batch);
        } catch (RemoteException e) {
            if (batch.size() == 1) {
                tally.failed.add(new RefRejected(batch.get(0), Reason.NOT_SENT, e.getMessage()));
                return List.of();
            }
            int half = batch.size() / 2;
            List<RefName> done = new ArrayList<>(pushBatch(remote, store, batch.subList(0, half), tally));
            done.addAll(pushBatch(remote, store, batch.subList(half, batch.size()), tally));
            return done;
        }
        List<RefName> done = new ArrayList<>();
        for (PushResult result : results) {
            switch (result.status()) {
                case ACCEPTED -> {
                    done.add(result.ref());
                    tally.pushed++;
                }
                case REJECTED_STALE -> {
                    if (reconcileAndPush(remote, store, result.ref(), tally)) {
                        done.add(result.ref());
                    }
                }
                case REJECTED_OTHER -> tally.failed.add(RefRejected.byRemote(result.ref(), result.detail()));
            }
        }
        return done;
    }

    /** Fetches the remote's copy of a ref, replays the local-only commits on it, and pushes again. */
    private boolean reconcileAndPush(Remote remote, RefStore store, RefName ref, Tally tally) {
        CheckpointId id = CheckpointRefs.checkpointOf(ref).orElseThrow();
        for (int attempt = 1; attempt <= RECONCILE_ATTEMPTS && !remote.deadline().passed(); attempt++) {
            try {
                ObjectId remoteTip = fetchObjects(remote, ref);
                store.reconcile(id, remoteTip);
                List<PushResult> results = remote.push(List.of(ref));
                if (results.size() == 1 && results.get(0).status() == PushStatus.ACCEPTED) {
                    tally.reconciled++;
                    tally.pushed++;
                    return true;
                }
                if (results.size() == 1 && results.get(0).status() == PushStatus.REJECTED_OTHER) {
                    tally.failed.add(RefRejected.byRemote(ref, results.get(0).detail()));
                    return false;
                }
            } catch (RuntimeException e) {
                if (remote.deadline().passed()) {
                    return false;   // stopped at the deadline: the ref stays queued, and the report says so
                }
                LOG.log(Level.WARNING, "checkpoint " + id + ": reconciling with " + remote.name()
                        + " failed", e);
                tally.failed.add(new RefRejected(ref, Reason.NOT_SENT, e.getMessage()));
                return false;
            }
        }
        tally.failed.add(new RefRejected(ref, Reason.NON_FAST_FORWARD, KEPT_MOVING));
        return false;
    }

    private boolean pushBranch(Remote remote, BranchStore branch, Tally tally) {
        for (int attempt = 1; attempt <= RECONCILE_ATTEMPTS && !remote.deadline().passed(); attempt++) {
            List<PushResult> results;
            try {
                results = remote.push(List.of(BranchStore.BRANCH));
            } catch (RemoteException e) {
                tally.failed.add(new RefRejected(BranchStore.BRANCH, Reason.NOT_SENT, e.getMessage()));
                return false;
            }
            PushStatus status = results.isEmpty() ? PushStatus.REJECTED_OTHER : results.get(0).status();
            switch (status) {
                case ACCEPTED -> {
                    return true;
                }
                case REJECTED_STALE -> {
                    try {
                        branch.mergeRemote(fetchObjects(remote, BranchStore.BRANCH));
                        tally.reconciled++;
                    } catch (RuntimeException e) {
                        if (remote.deadline().passed()) {
                            return false;
                        }
                        LOG.log(Level.WARNING, "merging the remote's checkpoint branch failed: " + e);
                        tally.failed.add(new RefRejected(BranchStore.BRANCH, Reason.NOT_SENT, e.getMessage()));
                        return false;
                    }
                }
                case REJECTED_OTHER -> {
                    tally.failed.add(results.isEmpty()
                            ? new RefRejected(BranchStore.BRANCH, Reason.NOT_SENT, "no answer")
                            : RefRejected.byRemote(BranchStore.BRANCH, results.get(0).detail()));
                    return false;
                }
            }
        }
        tally.failed.add(new RefRejected(BranchStore.BRANCH, Reason.NON_FAST_FORWARD, KEPT_MOVING));
        return false;
    }

    /** Brings the remote's objects for one ref into the local object database without touching local refs. */
    static ObjectId fetchObjects(Remote remote, RefName ref) {
        ObjectId tip = Optional.ofNullable(remote.listRefs(List.of(ref.name())).get(ref))
                .orElseThrow(() -> new RemoteException(remote.name(), ref.name() + " vanished from the remote"));
        remote.fetchObjects(List.of(ref));
        return tip;
    }

    /** Counts kept while one push runs. */
    static final class Tally {
        int pushed;
        int alreadyThere;
        int dropped;
        int reconciled;
        final List<PushFailure> failed = new ArrayList<>();
    }
}
