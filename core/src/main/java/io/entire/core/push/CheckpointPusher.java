package io.entire.core.push;

import static java.util.Objects.requireNonNull;

import io.entire.core.Log;
import io.entire.core.git.GitRepository;
import io.entire.core.git.ObjectId;
import io.entire.core.git.PushResult;
import io.entire.core.git.PushStatus;
import io.entire.core.git.RefName;
import io.entire.core.git.Remote;
import io.entire.core.git.RemoteException;
import io.entire.core.id.CheckpointId;
import io.entire.core.store.BranchStore;
import io.entire.core.store.CheckpointRefs;
import io.entire.core.store.PushQueue;
import io.entire.core.store.RefStore;
import io.entire.core.store.StoreSet;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends checkpoint data to a remote: the queued refs of the ref store (FORMATS.md 5), the v1 branch where the
 * mode writes it, and the v2 refs when they are written. Never forces. Queue entries leave only when the remote
 * confirmed them; a remote that moved on is reconciled and pushed again; an unreachable remote leaves everything for
 * next time.
 */
public final class CheckpointPusher {
    private static final System.Logger LOG = Log.of(CheckpointPusher.class);

    static final int FIRST_BATCH = 200;
    private static final int RECONCILE_ATTEMPTS = 3;

    private final GitRepository repository;
    private final StoreSet stores;

    public CheckpointPusher(GitRepository repository, StoreSet stores) {
        this.repository = requireNonNull(repository, "repository is null");
        this.stores = requireNonNull(stores, "stores is null");
    }

    public PushReport push(Remote remote) {
        Map<RefName, ObjectId> remoteRefs;
        try {
            remoteRefs = remote.listRefs(List.of(CheckpointRefs.PREFIX + "*", BranchStore.BRANCH.name()));
        } catch (RemoteException e) {
            LOG.log(Level.WARNING, e.getMessage());
            return PushReport.unreachable(remote.name(), e.getMessage());
        }
        Tally tally = new Tally();
        Optional<RefStore> refs = stores.refStore();
        if (refs.isPresent()) {
            pushQueue(remote, refs.get(), stores.pushQueue(), remoteRefs, tally);
        }
        boolean branchPushed = stores.branchStore().filter(branch -> repository.findRef(BranchStore.BRANCH)
                .isPresent()).map(branch -> pushBranch(remote, branch, tally)).orElse(false);
        stores.v2Store().ifPresent(v2 -> new V2Pusher(repository, v2).push(remote, remoteRefs, tally));
        return new PushReport(remote.name(), false, tally.pushed, tally.alreadyThere, tally.dropped, tally.reconciled,
                branchPushed, tally.failed);
    }

    private void pushQueue(Remote remote, RefStore store, PushQueue queue, Map<RefName, ObjectId> remoteRefs,
            Tally tally) {
        List<RefName> pending = new ArrayList<>();
        List<RefName> confirmed = new ArrayList<>();
        List<RefName> gone = new ArrayList<>();
        Map<RefName, ObjectId> localRefs = repository.listRefs(CheckpointRefs.PREFIX);   // one process, not one a ref
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
        for (int start = 0; start < pending.size(); start += FIRST_BATCH) {
            List<RefName> batch = pending.subList(start, Math.min(pending.size(), start + FIRST_BATCH));
            List<RefName> done = pushBatch(remote, store, batch, tally);
            queue.removeAll(done);   // confirmed refs leave as soon as each batch is through
        }
    }

    /** Pushes a batch; a batch the remote will not take as a whole is halved down to single refs. */
    private List<RefName> pushBatch(Remote remote, RefStore store, List<RefName> batch, Tally tally) {
        List<PushResult> results;
        try {
            results = remote.push(batch);
        } catch (RemoteException e) {
            if (batch.size() == 1) {
                tally.failed.add(batch.get(0).name() + ": " + e.getMessage());
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
                case REJECTED_OTHER -> tally.failed.add(result.ref().name() + ": " + result.detail());
            }
        }
        return done;
    }

    /** Fetches the remote's copy of a ref, replays the local-only commits on it, and pushes again. */
    private boolean reconcileAndPush(Remote remote, RefStore store, RefName ref, Tally tally) {
        CheckpointId id = CheckpointRefs.checkpointOf(ref).orElseThrow();
        for (int attempt = 1; attempt <= RECONCILE_ATTEMPTS; attempt++) {
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
                    tally.failed.add(ref.name() + ": " + results.get(0).detail());
                    return false;
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "checkpoint " + id + ": reconciling with " + remote.name()
                        + " failed", e);
                tally.failed.add(ref.name() + ": " + e.getMessage());
                return false;
            }
        }
        tally.failed.add(ref.name() + ": the remote kept moving; push again later");
        return false;
    }

    private boolean pushBranch(Remote remote, BranchStore branch, Tally tally) {
        for (int attempt = 1; attempt <= RECONCILE_ATTEMPTS; attempt++) {
            List<PushResult> results;
            try {
                results = remote.push(List.of(BranchStore.BRANCH));
            } catch (RemoteException e) {
                tally.failed.add(BranchStore.BRANCH.shortName() + ": " + e.getMessage());
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
                        LOG.log(Level.WARNING, "merging the remote's checkpoint branch failed: " + e);
                        tally.failed.add(BranchStore.BRANCH.shortName() + ": " + e.getMessage());
                        return false;
                    }
                }
                case REJECTED_OTHER -> {
                    tally.failed.add(BranchStore.BRANCH.shortName() + ": "
                            + (results.isEmpty() ? "no answer" : results.get(0).detail()));
                    return false;
                }
            }
        }
        tally.failed.add(BranchStore.BRANCH.shortName() + ": the remote kept moving; push again later");
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
        final List<String> failed = new ArrayList<>();
    }
}
