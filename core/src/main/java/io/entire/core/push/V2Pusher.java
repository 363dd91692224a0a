package io.entire.core.push;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.GitRepository;
import io.entire.core.git.ObjectId;
import io.entire.core.git.PushResult;
import io.entire.core.git.PushStatus;
import io.entire.core.git.RefName;
import io.entire.core.git.Remote;
import io.entire.core.push.PushFailure.Reason;
import io.entire.core.push.PushFailure.RefRejected;
import io.entire.core.push.PushFailure.V2RefsRejected;
import io.entire.core.store.v2.SlotMoves;
import io.entire.core.store.v2.V2Reconciler;
import io.entire.core.store.v2.V2Refs;
import io.entire.core.store.v2.V2Store;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Publishes the v2 refs: archives first, then {@code /main} and {@code /full/current}. A ref the remote refuses
 * because it moved on is reconciled ({@link V2Reconciler}) and pushed again; {@code /full/current} replaces the
 * remote's generation without a merge only when that generation is inside an archive the remote already has.
 */
final class V2Pusher {
    private static final int ATTEMPTS = 5;

    private final GitRepository repository;
    private final V2Store store;
    private final V2Reconciler reconciler;

    V2Pusher(GitRepository repository, V2Store store) {
        this.repository = requireNonNull(repository, "repository is null");
        this.store = requireNonNull(store, "store is null");
        this.reconciler = new V2Reconciler(repository, store);
    }

    /** @param listed the remote's refs as listed before the push (may hold other refs than v2's) */
    void push(Remote remote, Map<RefName, ObjectId> listed, CheckpointPusher.Tally tally) {
        Map<RefName, ObjectId> remoteRefs = listed;
        try {
            for (int attempt = 1; attempt <= ATTEMPTS && !remote.deadline().passed(); attempt++) {
                if (attempt > 1) {
                    remoteRefs = remote.listRefs(List.of(V2Refs.PREFIX + "*"));
                }
                Map<RefName, ObjectId> localRefs = repository.refs().list(V2Refs.PREFIX);
                if (!pushArchives(remote, localRefs, remoteRefs, tally)
                        || !pushTips(remote, localRefs, remoteRefs, tally)) {
                    return;   // done, or failures the report names
                }
            }
            tally.failed.add(new V2RefsRejected(Reason.NON_FAST_FORWARD, CheckpointPusher.KEPT_MOVING));
        } catch (RuntimeException e) {
            if (remote.deadline().passed()) {
                return;   // stopped at the deadline: the next push carries on from what the remote has
            }
            tally.failed.add(new V2RefsRejected(Reason.NOT_SENT, e.getMessage()));
        }
    }

    /** Pushes the archives the remote lacks; true when the remote now has every local archive. */
    private boolean pushArchives(Remote remote, Map<RefName, ObjectId> localRefs, Map<RefName, ObjectId> remoteRefs,
            CheckpointPusher.Tally tally) {
        Set<Long> theirs = new HashSet<>();
        remoteRefs.keySet().forEach(ref -> V2Refs.archiveNumber(ref).ifPresent(theirs::add));
        List<RefName> missing = new ArrayList<>();
        localRefs.forEach((ref, id) -> {
            if (V2Refs.archiveNumber(ref).isPresent() && !id.equals(remoteRefs.get(ref))) {
                missing.add(ref);
            }
        });
        if (missing.isEmpty()) {
            return true;
        }
        List<RefName> renumbered = new ArrayList<>();
        boolean complete = true;
        for (PushResult result : remote.push(missing)) {
            switch (result.status()) {
                case ACCEPTED -> tally.pushed++;
                case REJECTED_STALE -> {
                    long number = V2Refs.archiveNumber(result.ref()).orElseThrow();
                    ObjectId remoteArchive = CheckpointPusher.fetchObjects(remote, result.ref());
                    reconciler.reconcileArchive(number, remoteArchive, theirs).ifPresent(renumbered::add);
                    tally.reconciled++;
                }
                case REJECTED_OTHER -> {
                    tally.failed.add(RefRejected.byRemote(result.ref(), result.detail()));
                    complete = false;
                }
            }
        }
        if (!renumbered.isEmpty()) {
            for (PushResult result : remote.push(renumbered)) {
                if (result.status() == PushStatus.ACCEPTED) {
                    tally.pushed++;
                } else {
                    tally.failed.add(RefRejected.byRemote(result.ref(), result.detail()));
                    complete = false;
                }
            }
        }
        return complete;
    }

    /**
     * Pushes {@code /main} and {@code /full/current} where the remote differs; reconciles what it refused as stale.
     * Returns true when something was reconciled and has to be pushed again.
     */
    private boolean pushTips(Remote remote, Map<RefName, ObjectId> localRefs, Map<RefName, ObjectId> remoteRefs,
            CheckpointPusher.Tally tally) {
        List<RefName> changed = new ArrayList<>();
        for (RefName ref : List.of(V2Refs.MAIN, V2Refs.CURRENT)) {
            if (localRefs.containsKey(ref) && !localRefs.get(ref).equals(remoteRefs.get(ref))) {
                changed.add(ref);
            }
        }
        if (changed.isEmpty()) {
            return false;
        }
        Map<PushStatus, List<RefName>> byStatus = new EnumMap<>(PushStatus.class);
        for (PushResult result : remote.push(changed)) {
            byStatus.computeIfAbsent(result.status(), status -> new ArrayList<>()).add(result.ref());
            if (result.status() == PushStatus.REJECTED_OTHER) {
                tally.failed.add(RefRejected.byRemote(result.ref(), result.detail()));
            }
        }
        tally.pushed += byStatus.getOrDefault(PushStatus.ACCEPTED, List.of()).size();
        List<RefName> stale = byStatus.getOrDefault(PushStatus.REJECTED_STALE, List.of());
        SlotMoves moves = SlotMoves.NONE;
        if (stale.contains(V2Refs.MAIN)) {   // first: merging /main decides where sessions' raw transcripts go
            moves = reconciler.mergeMain(CheckpointPusher.fetchObjects(remote, V2Refs.MAIN));
            tally.reconciled++;
        }
        if (stale.contains(V2Refs.CURRENT)) {
            reconcileCurrent(remote, remoteRefs, moves, tally);
        }
        return !stale.isEmpty();
    }

    private void reconcileCurrent(Remote remote, Map<RefName, ObjectId> remoteRefs, SlotMoves moves,
            CheckpointPusher.Tally tally) {
        ObjectId theirs = CheckpointPusher.fetchObjects(remote, V2Refs.CURRENT);
        // Every local archive is on the remote by now (pushArchives); one of them holding the remote's generation
        // means this clone rotated after pushing it, and the fresh generation replaces it.
        boolean archivedHere = repository.refsContaining(theirs, V2Refs.FULL_PREFIX).stream()
                .anyMatch(ref -> V2Refs.archiveNumber(ref).isPresent());
        if (archivedHere) {
            PushResult result = remote.pushReplacing(V2Refs.CURRENT, theirs);
            if (result.status() == PushStatus.ACCEPTED) {
                tally.pushed++;
                tally.reconciled++;
            } else if (result.status() == PushStatus.REJECTED_OTHER) {
                tally.failed.add(RefRejected.byRemote(result.ref(), result.detail()));
            }
            return;
        }
        ObjectId ours = repository.refs().find(V2Refs.CURRENT).orElseThrow();
        List<ObjectId> remoteArchives = new ArrayList<>();
        if (repository.mergeBase(ours, theirs).isEmpty()) {   // the remote may have rotated: look in its archives
            List<RefName> unknown = new ArrayList<>();
            Map<RefName, ObjectId> local = repository.refs().list(V2Refs.FULL_PREFIX);
            remoteRefs.forEach((ref, id) -> {
                if (V2Refs.archiveNumber(ref).isPresent() && !id.equals(local.get(ref))) {
                    unknown.add(ref);
                }
            });
            if (!unknown.isEmpty()) {
                remote.fetchObjects(unknown);
                unknown.forEach(ref -> remoteArchives.add(0, remoteRefs.get(ref)));   // newest first
            }
        }
        reconciler.mergeCurrent(theirs, remoteArchives, moves);
        tally.reconciled++;
    }
}
