package io.entire.core.store.v2;

import static java.util.Objects.requireNonNull;

import io.entire.core.Log;
import io.entire.core.git.BatchReader;
import io.entire.core.git.CommitRequest;
import io.entire.core.git.Expected;
import io.entire.core.git.GitRepository;
import io.entire.core.git.ObjectId;
import io.entire.core.git.ObjectWriter;
import io.entire.core.git.RefName;
import io.entire.core.git.TreeEntry;
import io.entire.core.id.CheckpointId;
import io.entire.core.store.CheckpointTree;
import io.entire.core.store.FolderVersion;
import io.entire.core.store.Retry;
import io.entire.core.store.ShardedMerge;
import io.entire.core.store.StorageConflictException;
import io.entire.core.store.StoreKind;
import io.entire.core.store.StoredCheckpoint;
import io.entire.core.store.StoredSession;
import io.entire.core.store.TreeSplice;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Brings the local v2 refs together with a remote's that moved on, so that each can be pushed without losing what
 * either side wrote: {@code /main} is merged like the v1 branch, an archive number both sides used is given up by
 * the local archive, and what this clone added to {@code /full/current} is carried onto the remote's generation.
 * The remote's objects must already be fetched.
 */
public final class V2Reconciler {
    private static final System.Logger LOG = Log.of(V2Reconciler.class);

    private final GitRepository repository;
    private final V2Store store;

    public V2Reconciler(GitRepository repository, V2Store store) {
        this.repository = requireNonNull(repository, "repository is null");
        this.store = requireNonNull(store, "store is null");
    }

    /** Merges the remote's {@code /main} into the local one; says where local sessions of shared checkpoints went. */
    public SlotMoves mergeMain(ObjectId remoteTip) {
        FolderVersion version = new FolderVersion(store.cliVersion(), Optional.of(StoreKind.V2.formatVersion()));
        ShardedMerge.Merged merged = new ShardedMerge(repository, store.workers(), version).mergeRemote(V2Refs.MAIN,
                remoteTip, "Merge remote checkpoints into " + V2Refs.MAIN.shortName() + "\n");
        Map<String, String> moves = new HashMap<>();
        for (ShardedMerge.Replay replay : merged.replays()) {
            StoredCheckpoint after = store.workers().codec().read(replay.id(), replay.mergedFolder());
            for (StoredSession session : store.workers().codec().read(replay.id(), replay.localFolder()).sessions()) {
                after.session(session.metadata().sessionId()).ifPresent(moved -> moves.put(
                        slotPath(replay.id(), session.slot()), slotPath(replay.id(), moved.slot())));
            }
        }
        return new SlotMoves(moves);
    }

    /**
     * The remote holds another commit under the number of local archive {@code number}. When the remote's archive
     * has everything the local one has, the local ref takes it; otherwise the local archive moves to the next number
     * neither side uses, and that ref is returned to be pushed. Archives are found by content, so a number is free to
     * change; no existing archive ref is ever overwritten with other content.
     */
    public Optional<RefName> reconcileArchive(long number, ObjectId remoteTip, Collection<Long> remoteNumbers) {
        return store.generations().withLock(() -> {
            Map<Long, ObjectId> archives = store.generations().archives();
            ObjectId local = Optional.ofNullable(archives.get(number)).orElseThrow(() -> new StorageConflictException(
                    V2Refs.archive(number), "no local archive to reconcile"));
            Optional<RefName> renumbered = Optional.empty();
            if (!reader().readCommitTree(local).equals(reader().readCommitTree(remoteTip))
                    && !repository.isAncestor(local, remoteTip)) {   // the remote's does not hold everything ours does
                long free = Math.max(remoteNumbers.stream().mapToLong(Long::longValue).max().orElse(0),
                        archives.keySet().stream().mapToLong(Long::longValue).max().orElse(0)) + 1;
                renumbered = Optional.of(V2Refs.archive(free));
                Retry.requireLanded(renumbered.get(), repository.refs().update(renumbered.get(), Expected.absent(),
                        local, "entire: renumber v2 archive " + number + " to " + free));
            }
            Retry.requireLanded(V2Refs.archive(number), repository.refs().update(V2Refs.archive(number),
                    Expected.value(local), remoteTip, "entire: take the remote's v2 archive " + number));
            return renumbered;
        });
    }

    /**
     * Carries what this clone added to {@code /full/current} since it last shared history with the remote onto the
     * remote's current generation: the slot folders changed since the merge base (found with the remote's tip or,
     * when the remote rotated, with one of {@code remoteArchives}) and their checkpoints in {@code generation.json}.
     * A slot the remote holds differently stays the remote's unless {@code moves} placed a local session there.
     * Rotates when the merged generation is full. Returns false when the local ref simply took the remote's tip.
     */
    public boolean mergeCurrent(ObjectId remoteTip, List<ObjectId> remoteArchives, SlotMoves moves) {
        boolean merged = store.generations().withLock(() -> {
            ObjectId localTip = repository.refs().find(V2Refs.CURRENT).orElseThrow(() -> new StorageConflictException(
                    V2Refs.CURRENT, "no local ref to merge into"));
            Optional<ObjectId> base = repository.mergeBase(localTip, remoteTip);
            for (int i = 0; base.isEmpty() && i < remoteArchives.size(); i++) {
                base = repository.mergeBase(localTip, remoteArchives.get(i));
            }
            Optional<ObjectId> baseRoot = base.map(reader()::readCommitTree);
            ObjectId localRoot = reader().readCommitTree(localTip);
            ObjectId remoteRoot = reader().readCommitTree(remoteTip);
            Optional<ObjectId> root = Optional.of(remoteRoot);
            Map<String, ObjectId> changed = new LinkedHashMap<>();
            changedSlots(localRoot, baseRoot, "", 0, changed);
            for (Map.Entry<String, ObjectId> slot : changed.entrySet()) {
                Optional<String> moved = moves.target(slot.getKey());
                List<String> target = List.of(moved.orElse(slot.getKey()).split("/"));
                Optional<ObjectId> there = TreeSplice.find(reader(), root, target);
                if (there.equals(Optional.of(slot.getValue()))) {
                    continue;
                }
                if (there.isPresent() && moved.isEmpty()) {
                    LOG.log(Level.WARNING, "v2: " + slot.getKey() + " differs on the remote's "
                            + V2Refs.CURRENT.shortName() + "; kept the remote's raw transcript there");
                    continue;
                }
                root = Optional.of(TreeSplice.put(reader(), writer(), root, target, slot.getValue()));
            }
            Generation remote = store.generations().read(Optional.of(remoteRoot));
            Generation local = store.generations().read(Optional.of(localRoot));
            Generation before = store.generations().read(baseRoot);
            Generation generation = remote;
            for (CheckpointId id : local.checkpoints()) {
                if (!before.contains(id)) {
                    Instant created = store.findOnMain(id).flatMap(StoredCheckpoint::createdAt)
                            .or(local::newest).orElseThrow();
                    generation = generation.with(id, created);
                }
            }
            if (!generation.equals(remote)) {
                root = Optional.of(TreeSplice.putFile(reader(), writer(), root, Generation.FILE,
                        writer().writeBlob(generation.toJson())));
            }
            ObjectId next = root.get().equals(remoteRoot) ? remoteTip : writer().writeCommit(CommitRequest.of(
                    root.get(), List.of(localTip, remoteTip), "Merge remote checkpoints into "
                    + V2Refs.CURRENT.shortName() + "\n"));
            Retry.requireLanded(V2Refs.CURRENT, repository.refs().update(V2Refs.CURRENT, Expected.value(localTip), next,
                    "entire: merge the remote's v2 generation"));
            return !next.equals(remoteTip);
        });
        store.rotateIfFullGeneration();
        return merged;
    }

    /** Slot folders ({@code shard/rest/slot}) under {@code root} that {@code base} does not hold identically. */
    private void changedSlots(ObjectId root, Optional<ObjectId> base, String prefix, int depth,
            Map<String, ObjectId> changed) {
        Map<String, TreeEntry> before = base.map(tree -> CheckpointTree.entriesByName(reader().readTree(tree)))
                .orElse(Map.of());
        for (TreeEntry entry : reader().readTree(root)) {
            TreeEntry old = before.get(entry.name());
            if (!entry.isTree() || (old != null && old.id().equals(entry.id()))) {
                continue;
            }
            Optional<ObjectId> oldTree = Optional.ofNullable(old).filter(TreeEntry::isTree).map(TreeEntry::id);
            if (depth == 2) {
                changed.put(prefix + entry.name(), entry.id());
            } else {
                changedSlots(entry.id(), oldTree, prefix + entry.name() + "/", depth + 1, changed);
            }
        }
    }

    private static String slotPath(CheckpointId id, int slot) {
        return id.treePath() + "/" + slot;
    }

    private BatchReader reader() {
        return store.workers().reader();
    }

    private ObjectWriter writer() {
        return store.workers().writer();
    }
}
