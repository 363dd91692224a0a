package io.entire.core.migrate;

import static java.util.Objects.requireNonNull;

import io.entire.core.CheckpointFailure.Category;
import io.entire.core.CheckpointFailure;
import io.entire.core.Progress;
import io.entire.core.git.CommitRequest;
import io.entire.core.git.Expected;
import io.entire.core.git.FastImport;
import io.entire.core.git.GitDate;
import io.entire.core.git.GitRepository;
import io.entire.core.git.Identity;
import io.entire.core.git.ObjectId;
import io.entire.core.git.ObjectWriter;
import io.entire.core.git.RefMove;
import io.entire.core.git.RefName;
import io.entire.core.git.RefUpdateResult;
import io.entire.core.git.Remote;
import io.entire.core.git.Signature;
import io.entire.core.git.SigningException;
import io.entire.core.git.TreeEntry;
import io.entire.core.push.PushQueue;
import io.entire.core.store.CheckpointTree;
import io.entire.core.store.StoreSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Migrates the v1 branch to one ref per checkpoint (FORMATS.md 5), oldest first, each commit dated at its
 * checkpoint's creation time. Idempotent: a ref that already holds the migrated tree is skipped. Safe to kill at
 * any point: a batch's refs move only once its commits are written, each on its own compare-and-swap, and each batch
 * is queued for push before its refs move, so a rerun finishes the job without duplicating anything.
 */
public final class RefsMigration {
    /** Whether the run also writes into the v1 branch the ref store's checkpoints it lacks (refs-v1-mirror mode). */
    public enum BranchMirror {
        LEAVE,
        REPAIR
    }

    /**
     * Refs are queued and moved in batches of at least this size, and a large migration in about ten, as each batch
     * writes a pack and rewrites the packed-refs file once.
     */
    static final int BATCH = 500;

    private final GitRepository repository;
    private final StoreSet stores;
    private final MigrationOptions options;
    private final Progress progress;
    private final BranchMirror mirror;
    private final Optional<Remote> checkpointRemote;

    public RefsMigration(GitRepository repository, StoreSet stores, MigrationOptions options,
            Progress progress) {
        this(repository, stores, options, progress, BranchMirror.LEAVE, Optional.empty());
    }

    /**
     * {@code checkpointRemote}: where checkpoints are pushed when a setting says so (a configured remote or a bare
     * URL), whose old-shard refs go too, beside those of every configured remote.
     */
    public RefsMigration(GitRepository repository, StoreSet stores, MigrationOptions options,
            Progress progress, BranchMirror mirror, Optional<Remote> checkpointRemote) {
        this.repository = requireNonNull(repository, "repository is null");
        this.stores = requireNonNull(stores, "stores is null");
        this.options = requireNonNull(options, "options is null");
        this.progress = requireNonNull(progress, "progress is null");
        this.mirror = requireNonNull(mirror, "mirror is null");
        this.checkpointRemote = requireNonNull(checkpointRemote, "checkpointRemote is null");
    }

    public MigrationReport run() {
        RefShardMove.Result moves = new RefShardMove(repository, stores.refStore().orElseThrow(),
                new PushQueue(repository.commonDir())).run(options.mode() == MigrationOptions.Mode.DRY_RUN);
        RefsMigrationPlanner.Result plan = new RefsMigrationPlanner(repository, stores.branchFallback().orElseThrow(),
                stores.refStore().orElseThrow()).plan();
        List<RefsMigrationPlan> work = plan.toMigrate();
        if (options.mode() == MigrationOptions.Mode.DRY_RUN) {
            return new MigrationReport(work.size(), plan.upToDate().size(), plan.failed(), 0, moves.moved(),
                    List.of());
        }
        List<CheckpointFailure> failed = new ArrayList<>(moves.failed());
        failed.addAll(plan.failed());
        int migrated = 0;
        if (!work.isEmpty()) {
            Identity author = options.author().orElseGet(repository::authorIdentity);
            Identity committer = repository.committerIdentity();
            migrated = mustSign() ? writeSigned(work, author, failed) : writeStream(work, author, committer, failed);
        }
        int repaired = 0;
        if (mirror == BranchMirror.REPAIR) {
            StoreSet.MirrorRepair repair = stores.repairBranchMirror();
            repaired = repair.repaired().size();
            failed.addAll(repair.failed());
        }
        // After the local moves, which queued the new refs: a remote loses an old ref only once it holds the new.
        List<String> remoteNotes = new RemoteShardCleanup(repository, checkpointRemote).run();
        return new MigrationReport(migrated, plan.upToDate().size(), failed, repaired, moves.moved(), remoteNotes);
    }

    /** Signing is per commit, so it needs commit-tree; fast-import cannot sign. */
    private boolean mustSign() {
        return switch (options.signing().mode()) {
            case WITH_KEY, ALWAYS -> true;
            case NEVER -> false;
            case CONFIGURED -> repository.config("commit.gpgsign").map(value -> value.equalsIgnoreCase("true")
                    || value.equals("1") || value.equalsIgnoreCase("yes") || value.equalsIgnoreCase("on"))
                    .orElse(false);
        };
    }

    private int writeStream(List<RefsMigrationPlan> work, Identity author, Identity committer,
            List<CheckpointFailure> failed) {
        PushQueue queue = new PushQueue(repository.commonDir());
        int migrated = 0;
        int size = Math.max(BATCH, (work.size() + 9) / 10);
        for (int from = 0; from < work.size(); from += size) {
            List<RefsMigrationPlan> batch = work.subList(from, Math.min(from + size, work.size()));
            List<ObjectId> commits;
            try (FastImport stream = repository.openFastImport()) {
                for (RefsMigrationPlan plan : batch) {
                    stream.commitDetached(plan.existingTip(), plan.entries(),
                            Map.of(CheckpointTree.METADATA, plan.metadata()),
                            new Signature(author, plan.createdAt()), new Signature(committer, plan.createdAt()),
                            plan.message());
                }
                stream.finish();
                commits = stream.detachedCommits();
            }
            List<RefMove> moves = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                moves.add(RefMove.update(batch.get(i).ref(), Expected.of(batch.get(i).existingTip()), commits.get(i)));
            }
            queue.addAll(moves.stream().map(RefMove::ref).toList());   // before the refs move: a kill loses no push
            Map<RefName, RefUpdateResult> results = repository.refs().updateEach(moves, "entire: migrate checkpoints");
            for (RefsMigrationPlan plan : batch) {
                switch (results.get(plan.ref())) {
                    case CREATED, UPDATED, UNCHANGED, DELETED -> migrated++;
                    case REJECTED_STALE, LOCKED -> failed.add(moved(plan));
                }
            }
            progress.update(from + batch.size(), work.size());
        }
        return migrated;
    }

    private int writeSigned(List<RefsMigrationPlan> work, Identity author, List<CheckpointFailure> failed) {
        PushQueue queue = new PushQueue(repository.commonDir());
        int migrated = 0;
        try (ObjectWriter writer = repository.openWriter()) {
            for (int i = 0; i < work.size(); i++) {
                RefsMigrationPlan plan = work.get(i);
                try {
                    List<TreeEntry> entries = new ArrayList<>(plan.entries());
                    entries.add(TreeEntry.file(CheckpointTree.METADATA, writer.writeBlob(plan.metadata())));
                    Optional<GitDate> date = Optional.of(GitDate.of(plan.createdAt()));
                    ObjectId commit = writer.writeCommit(new CommitRequest(writer.writeTree(entries),
                            plan.existingTip().map(List::of).orElse(List.of()), plan.message(),
                            Optional.of(author), date, date, options.signing()));
                    queue.add(plan.ref());
                    RefUpdateResult result = repository.refs().update(plan.ref(), Expected.of(plan.existingTip()),
                            commit, "entire: migrate checkpoint " + plan.id());
                    switch (result) {
                        case CREATED, UPDATED, UNCHANGED, DELETED -> migrated++;
                        case REJECTED_STALE, LOCKED -> failed.add(moved(plan));
                    }
                } catch (SigningException e) {
                    throw e;   // every checkpoint would fail the same way: one line says why, and the rest is left
                } catch (RuntimeException e) {
                    failed.add(CheckpointFailure.of(plan.id(), Category.STORAGE, String.valueOf(e.getMessage())));
                }
                progress.update(i + 1, work.size());
            }
        }
        return migrated;
    }

    private static CheckpointFailure moved(RefsMigrationPlan plan) {
        return new CheckpointFailure(Optional.of(plan.id()), Optional.of(plan.ref().name()), Category.MOVED,
                plan.ref() + " moved during the migration; run it again");
    }
}
