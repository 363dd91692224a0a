package io.entire.core.migrate;

import static java.util.Objects.requireNonNull;

import io.entire.core.CheckpointFailure;
import io.entire.core.CheckpointFailure.Category;
import io.entire.core.Log;
import io.entire.core.Progress;
import io.entire.core.git.FastImport;
import io.entire.core.git.GitRepository;
import io.entire.core.git.Identity;
import io.entire.core.git.ObjectHasher;
import io.entire.core.git.ObjectId;
import io.entire.core.git.RefName;
import io.entire.core.git.RefUpdateResult;
import io.entire.core.git.Signature;
import io.entire.core.id.CheckpointId;
import io.entire.core.store.StorageConflictException;
import io.entire.core.store.StoreSet;
import io.entire.core.store.v2.SlotMoves;
import io.entire.core.store.v2.V2Reconciler;
import io.entire.core.store.v2.V2Refs;
import io.entire.core.store.v2.V2Store;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Migrates the v1 branch to the v2 layout (FORMATS.md 4), oldest first: {@code /main} gets every missing checkpoint,
 * session and compact transcript in one commit, then raw transcripts are packed into new archives of a full
 * generation each, the rest into {@code /full/current}. Everything goes through one fast-import stream; {@code /main}
 * is made durable before any {@code /full} ref, packed archives at most once a second (the rest at the end of the
 * stream), and every ref moves only if nobody moved it meanwhile (onto a tip live writers moved, the migration's
 * commit is merged). Killed at any point, a rerun packs exactly what is missing; a rerun with nothing missing writes
 * nothing. Commits carry the operator's identity (or {@code --author}) and are not signed: fast-import cannot sign,
 * and these are storage refs, not history anyone reviews.
 */
public final class V2Migration {
    private static final System.Logger LOG = Log.of(V2Migration.class);

    private static final long CHECKPOINT_INTERVAL_NANOS = 1_000_000_000L;
    /** Merges onto a tip that live writers keep moving; each attempt re-reads it. */
    private static final int MERGE_ATTEMPTS = 10;

    private final GitRepository repository;
    private final StoreSet stores;
    private final MigrationOptions options;
    private final V2MigrationPlanner.Scope scope;
    private final Progress progress;

    public V2Migration(GitRepository repository, StoreSet stores, MigrationOptions options,
            V2MigrationPlanner.Scope scope, Progress progress) {
        this.repository = requireNonNull(repository, "repository is null");
        this.stores = requireNonNull(stores, "stores is null");
        this.options = requireNonNull(options, "options is null");
        this.scope = requireNonNull(scope, "scope is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    public MigrationReport run() {
        V2MigrationPlan plan = new V2MigrationPlanner(repository, stores.branchStore().orElseThrow(),
                stores.v2Store().orElseThrow()).plan(scope);
        if (options.mode() == MigrationOptions.Mode.DRY_RUN) {
            return new MigrationReport(plan.checkpoints().size(), plan.upToDate(), plan.failed());
        }
        if (plan.checkpoints().isEmpty() && plan.prunes().isEmpty()) {
            return new MigrationReport(0, plan.upToDate(), plan.failed());
        }
        Instant now = Instant.now();
        Identity author = options.author().orElseGet(repository::authorIdentity);
        V2MigrationWriter.Signatures signatures = new V2MigrationWriter.Signatures(new Signature(author, now),
                new Signature(repository.committerIdentity(), now));
        List<CheckpointFailure> failed = new ArrayList<>(plan.failed());
        Written written = landRefused(write(plan, signatures));
        deleteEmptiedArchives(plan, failed);
        if (written.packed().byRef().containsKey(V2Refs.CURRENT)) {
            stores.v2Store().orElseThrow().rotateIfFullGeneration();
        }
        return report(plan, written, failed);
    }

    private record Written(Set<CheckpointId> main, V2MigrationWriter.Packed packed, Set<RefName> refused,
            Map<RefName, ObjectId> refusedTips) {
    }

    /**
     * Live writes (attach, post-commit) may move {@code /main} and {@code /full/current} while the stream runs, and
     * fast-import then leaves them alone: what the migration wrote is merged onto the moved tips instead, as a push
     * merges a remote's (a compare-and-swap on each tip, re-read when it moved again). {@code /main} first: merging it
     * decides where sessions of a checkpoint both wrote go, and {@code /full/current} follows that.
     */
    private Written landRefused(Written written) {
        Set<RefName> refused = new HashSet<>(written.refused());
        V2Reconciler reconciler = new V2Reconciler(repository, stores.v2Store().orElseThrow());
        SlotMoves moves = SlotMoves.NONE;
        ObjectId main = written.refusedTips().get(V2Refs.MAIN);
        if (refused.contains(V2Refs.MAIN) && main != null) {
            Optional<SlotMoves> merged = untilMerged(() -> reconciler.mergeMain(main));
            if (merged.isPresent()) {
                moves = merged.get();
                refused.remove(V2Refs.MAIN);
            }
        }
        ObjectId current = written.refusedTips().get(V2Refs.CURRENT);
        SlotMoves mainMoves = moves;
        if (refused.contains(V2Refs.CURRENT) && current != null && !refused.contains(V2Refs.MAIN)
                && untilMerged(() -> reconciler.mergeCurrent(current, List.of(), mainMoves)).isPresent()) {
            refused.remove(V2Refs.CURRENT);
        }
        return new Written(written.main(), written.packed(), refused, written.refusedTips());
    }

    private static <T> Optional<T> untilMerged(Supplier<T> merge) {
        for (int attempt = 1; attempt <= MERGE_ATTEMPTS; attempt++) {
            try {
                return Optional.of(merge.get());
            } catch (StorageConflictException e) {
                LOG.log(Level.DEBUG, e.getMessage() + "; merging onto the new tip");
            }
        }
        return Optional.empty();
    }

    private Written write(V2MigrationPlan plan, V2MigrationWriter.Signatures signatures) {
        V2Store v2 = stores.v2Store().orElseThrow();
        V2MigrationWriter writer = new V2MigrationWriter(v2.workers().reader(), stores.compacts(),
                new ObjectHasher(repository.hashHexLength()), v2.cliVersion(), v2.generationSize());
        int total = plan.checkpoints().size();
        try (FastImport stream = repository.openFastImport()) {
            // Repairs first: a run killed after packing but before repairing would not repair on its (no-op) rerun.
            Set<RefName> edited = new HashSet<>(writer.writeEdits(stream, plan.repairs(), signatures,
                    "Repair generation metadata\n"));
            edited.addAll(writer.writeEdits(stream, plan.prunes(), signatures,
                    "Reset checkpoints before force migration\n"));
            Set<CheckpointId> main = writer.writeMain(stream, plan, signatures);
            stream.checkpoint();   // /main is durable before any raw transcript is packed
            progress.update(main.size(), total);
            int[] archives = {0};
            long[] lastCheckpoint = {System.nanoTime()};
            V2MigrationWriter.Packed packed = writer.writeFull(stream, plan, signatures, edited, () -> {
                // Each checkpoint closes a pack and rewrites every ref the stream moved so far (~30 ms with 100
                // archives): at most one a second bounds that cost, and a killed run packs again what followed it.
                if (System.nanoTime() - lastCheckpoint[0] >= CHECKPOINT_INTERVAL_NANOS) {
                    stream.checkpoint();
                    lastCheckpoint[0] = System.nanoTime();
                }
                progress.update(Math.min(total, main.size() + ++archives[0]), total);
            });
            Set<RefName> refused = new HashSet<>(stream.finish());
            progress.update(total, total);
            return new Written(main, packed, refused, stream.refusedTips());
        }
    }

    private void deleteEmptiedArchives(V2MigrationPlan plan, List<CheckpointFailure> failed) {
        for (V2MigrationPlan.FullRefEdit prune : plan.prunes()) {
            if (prune.deleteRef() == V2MigrationPlan.FullRefEdit.DeleteRef.YES) {
                RefUpdateResult result = repository.refs().delete(prune.ref(), prune.tip(),
                        "entire: migrate to v2, archive emptied by --force");
                switch (result) {
                    case CREATED, UPDATED, UNCHANGED, DELETED -> {
                    }
                    case REJECTED_STALE, LOCKED -> failed.add(CheckpointFailure.ofRef(prune.ref().name(),
                            Category.MOVED, "moved during the migration; run it again"));
                }
            }
        }
    }

    private static MigrationReport report(V2MigrationPlan plan, Written written, List<CheckpointFailure> failed) {
        Set<CheckpointId> refusedIds = new HashSet<>();
        if (written.refused().contains(V2Refs.MAIN)) {
            refusedIds.addAll(written.main());
        }
        for (Map.Entry<RefName, List<CheckpointId>> ref : written.packed().byRef().entrySet()) {
            if (written.refused().contains(ref.getKey())) {
                refusedIds.addAll(ref.getValue());
            }
        }
        for (V2MigrationPlan.FullRefEdit edit : plan.repairs()) {
            if (written.refused().contains(edit.ref())) {
                failed.add(CheckpointFailure.ofRef(edit.ref().name(), Category.MOVED,
                        "moved during the migration; run it again"));
            }
        }
        Set<CheckpointId> packedIds = new HashSet<>();
        written.packed().byRef().values().forEach(packedIds::addAll);
        int migrated = 0;
        int skipped = plan.upToDate();
        for (V2MigrationPlan.Checkpoint checkpoint : plan.checkpoints()) {
            if (refusedIds.contains(checkpoint.id())) {
                failed.add(CheckpointFailure.of(checkpoint.id(), Category.MOVED,
                        "a v2 ref moved during the migration; run it again"));
            } else if (written.main().contains(checkpoint.id()) || packedIds.contains(checkpoint.id())) {
                migrated++;
            } else {
                skipped++;   // only a compact transcript was missing, and none could be built
            }
        }
        return new MigrationReport(migrated, skipped, failed);
    }
}
