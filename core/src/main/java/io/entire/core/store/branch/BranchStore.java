package io.entire.core.store.branch;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.BatchReader;
import io.entire.core.git.CommitInfo;
import io.entire.core.git.CommitRequest;
import io.entire.core.git.Expected;
import io.entire.core.git.GitObject;
import io.entire.core.git.GitRepository;
import io.entire.core.git.LoggedCommit;
import io.entire.core.git.ObjectId;
import io.entire.core.git.RefName;
import io.entire.core.git.RefUpdateAhead;
import io.entire.core.git.TreeEntry;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import io.entire.core.json.JsonWriter;
import io.entire.core.model.CheckpointSummary;
import io.entire.core.store.CheckpointListing;
import io.entire.core.store.CheckpointRemotes;
import io.entire.core.store.CheckpointStore;
import io.entire.core.store.CheckpointTree;
import io.entire.core.store.CommitMessages;
import io.entire.core.store.FolderListing;
import io.entire.core.store.ListingCache;
import io.entire.core.store.FolderVersion;
import io.entire.core.store.Retry;
import io.entire.core.store.SessionContent;
import io.entire.core.store.ShardedFolders;
import io.entire.core.store.ShardedMerge;
import io.entire.core.store.StoreKind;
import io.entire.core.store.StoreWorkers;
import io.entire.core.store.StoredCheckpoint;
import io.entire.core.store.TranscriptChunks;
import io.entire.core.store.TreeSplice;
import io.entire.core.store.WriteKind;
import io.entire.core.store.WrittenCheckpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The v1 layout (FORMATS.md 3): every checkpoint a folder {@code <id[0:2]>/<id[2:]>/} on the orphan branch
 * {@code entire/checkpoints/v1}, one commit per write. Reads fall back to a remote-tracking copy of the branch when
 * there is no local one.
 */
public final class BranchStore implements CheckpointStore {
    public static final RefName BRANCH = RefName.of("refs/heads/entire/checkpoints/v1");
    static final String INIT_MESSAGE = "Initialize sessions branch";

    private final GitRepository repository;
    private final String cliVersion;
    private final StoreWorkers workers;
    private final CheckpointRemotes remotes;

    /** A store whose checkpoints live on the default remote, as they do without a checkpoint remote setting. */
    public BranchStore(GitRepository repository, String cliVersion, TranscriptChunks chunks) {
        this(repository, cliVersion, chunks, new CheckpointRemotes(repository, Optional.empty()));
    }

    /** {@code remotes} says which remote-tracking copy reads fall back to when there is no local branch. */
    public BranchStore(GitRepository repository, String cliVersion, TranscriptChunks chunks,
            CheckpointRemotes remotes) {
        this.repository = requireNonNull(repository, "repository is null");
        this.cliVersion = requireNonNull(cliVersion, "cliVersion is null");
        this.workers = new StoreWorkers(repository, chunks);
        this.remotes = requireNonNull(remotes, "remotes is null");
    }

    @Override
    public StoreKind kind() {
        return StoreKind.BRANCH;
    }

    @Override
    public WrittenCheckpoint write(CheckpointId id, SessionContent session, WriteKind kind) {
        CheckpointTree tree = workers.codec();
        String shard = id.value().substring(0, 2);
        String rest = id.value().substring(2);
        // The branch's update-ref starts now and waits for the commit: it starts while the objects are written.
        try (RefUpdateAhead publish = repository.refs().updateAhead(BRANCH, "entire: checkpoint " + id)) {
            return write(id, session, kind, tree, shard, rest, publish);
        }
    }

    private WrittenCheckpoint write(CheckpointId id, SessionContent session, WriteKind kind, CheckpointTree tree,
            String shard, String rest, RefUpdateAhead publish) {
        return Retry.untilLanded(id, BRANCH, () -> {
            // The branch's own value (what the compare-and-swap expects) and its tree, in one cat-file round trip.
            Optional<CommitInfo> local = workers.reader().find(BRANCH.name()).map(BatchReader::parseCommit);
            Optional<ObjectId> tip = local.map(CommitInfo::id);
            ObjectId parent = tip.or(this::remoteTip).orElseGet(this::initialCommit);
            ObjectId parentTree = local.isPresent() ? local.get().tree() : workers.reader().readCommitTree(parent);
            Map<String, TreeEntry> root = CheckpointTree.entriesByName(workers.reader().readTree(parentTree));
            Map<String, TreeEntry> shardEntries = Optional.ofNullable(root.get(shard)).filter(TreeEntry::isTree)
                    .map(entry -> CheckpointTree.entriesByName(workers.reader().readTree(entry.id())))
                    .orElseGet(LinkedHashMap::new);
            Optional<ObjectId> folder = Optional.ofNullable(shardEntries.get(rest)).filter(TreeEntry::isTree)
                    .map(TreeEntry::id);
            WrittenCheckpoint written = tree.write(id, folder, session, "/" + shard + "/" + rest,
                    new FolderVersion(cliVersion, Optional.of(StoreKind.BRANCH.formatVersion())));
            if (!written.changed()) {
                return Optional.of(written);
            }
            shardEntries.put(rest, TreeEntry.tree(rest, written.folder()));
            root.put(shard, TreeEntry.tree(shard, workers.writer().writeTree(shardEntries.values())));
            ObjectId commit = workers.writer().writeCommit(CommitRequest.of(workers.writer().writeTree(root.values()),
                    Optional.of(parent), CommitMessages.forWrite(id, session, kind)));
            return Retry.landed(publish.update(Expected.of(tip), commit), written);
        });
    }

    /**
     * Puts a checkpoint another store holds, folder for folder, at its place on the branch (the v1 mirror of the ref
     * store, repaired after a mirror write failed); its root metadata's session paths gain the branch's prefix.
     * Compare-and-swap like every write.
     */
    public void mirror(StoredCheckpoint checkpoint) {
        CheckpointId id = checkpoint.id();
        String prefix = "/" + id.treePath();
        CheckpointSummary summary = checkpoint.summary();
        CheckpointSummary placed = new CheckpointSummary(summary.cliVersion(), summary.checkpointsVersion(),
                summary.id(), summary.strategy(), summary.branch(), summary.checkpointsCount(), summary.filesTouched(),
                summary.sessions().stream().map(entry -> entry.withPrefix("", prefix)).toList(),
                summary.tokenUsage(), summary.source());
        Map<String, TreeEntry> entries = CheckpointTree.entriesByName(workers.reader().readTree(checkpoint.folder()));
        entries.put(CheckpointTree.METADATA, TreeEntry.file(CheckpointTree.METADATA,
                workers.writer().writeBlob(JsonWriter.pretty(placed.toJson()))));
        ObjectId folder = workers.writer().writeTree(entries.values());
        StringBuilder message = new StringBuilder("Checkpoint: ").append(id).append("\n\n");
        checkpoint.sessions().forEach(session -> message.append("Entire-Session: ")
                .append(session.metadata().sessionId()).append('\n'));   // session look-ups go by this trailer
        message.append("Entire-Strategy: manual-commit\n");
        Retry.untilLanded(id, BRANCH, () -> {
            Optional<CommitInfo> local = workers.reader().find(BRANCH.name()).map(BatchReader::parseCommit);
            Optional<ObjectId> tip = local.map(CommitInfo::id);
            ObjectId parent = tip.or(this::remoteTip).orElseGet(this::initialCommit);
            ObjectId parentTree = local.isPresent() ? local.get().tree() : workers.reader().readCommitTree(parent);
            ObjectId root = TreeSplice.put(workers.reader(), workers.writer(), Optional.of(parentTree),
                    List.of(id.value().substring(0, 2), id.value().substring(2)), folder);
            ObjectId commit = workers.writer().writeCommit(CommitRequest.of(root, Optional.of(parent),
                    message.toString()));
            return Retry.landed(repository.refs().update(BRANCH, Expected.of(tip), commit,
                    "entire: mirror checkpoint " + id), id);
        });
    }

    /**
     * Merges the remote's copy of the branch into the local one after a refused push: the union of checkpoints, and
     * for a checkpoint both sides changed, the local changes since the merge base replayed onto the remote's copy.
     * One merge commit with both tips as parents, compare-and-swap on the local branch. The remote tip's objects must
     * be present locally. Returns the new local tip.
     */
    public ObjectId mergeRemote(ObjectId remoteTip) {
        FolderVersion version = new FolderVersion(cliVersion, Optional.of(StoreKind.BRANCH.formatVersion()));
        return new ShardedMerge(repository, workers, version).mergeRemote(BRANCH, remoteTip,
                "Merge remote checkpoints into " + BRANCH.shortName() + "\n").tip();
    }

    /** The empty first commit of a new branch, as the Go implementation writes it. */
    private ObjectId initialCommit() {
        ObjectId empty = workers.writer().writeTree(List.of());
        return workers.writer().writeCommit(CommitRequest.of(empty, Optional.empty(), INIT_MESSAGE + "\n"));
    }

    /** The branch to read: the local one, else a remote-tracking copy (the checkpoint remote's first). */
    private Optional<ObjectId> readTip() {
        // cat-file resolves the local branch: the reads that follow need its process anyway, rev-parse is one more
        return workers.reader().find(BRANCH.name()).map(branch -> BatchReader.parseCommit(branch).id())
                .or(this::remoteTip);
    }

    /**
     * The copy of the remote that reads fetch checkpoints from, then origin's, then any. With a checkpoint remote,
     * origin's copy is what the code remote held before the checkpoints moved away, and is stale.
     */
    private Optional<ObjectId> remoteTip() {
        Map<RefName, ObjectId> tracking = new LinkedHashMap<>(repository.refs().list("refs/remotes/"));
        tracking.keySet().removeIf(ref -> !ref.name().endsWith("/entire/checkpoints/v1"));
        if (tracking.isEmpty()) {
            return Optional.empty();   // no copy to choose from: the remotes' names would cost a git process
        }
        List<String> preferred = new ArrayList<>();
        remotes.forReading().ifPresent(destination -> preferred.add(remotes.trackingName(destination)));
        preferred.add("origin");
        for (String remote : preferred) {
            ObjectId tip = tracking.get(RefName.of("refs/remotes/" + remote + "/entire/checkpoints/v1"));
            if (tip != null) {
                return Optional.of(tip);
            }
        }
        return tracking.values().stream().findFirst();
    }

    @Override
    public Optional<StoredCheckpoint> find(CheckpointId id) {
        CheckpointTree tree = workers.codec();
        // cat-file resolves the local branch itself: one process fewer for explain, the common case
        Optional<GitObject> folder = workers.reader().find(BRANCH.name() + ":" + id.treePath());
        if (folder.isEmpty() && repository.refs().find(BRANCH).isEmpty()) {
            folder = remoteTip().flatMap(tip -> workers.reader().find(tip.hex() + ":" + id.treePath()));
        }
        return folder.filter(object -> object.type().equals("tree")).map(found -> tree.read(id, found));
    }

    @Override
    public Optional<CheckpointId> findLatestForSession(SessionId session) {
        Optional<ObjectId> tip = readTip();
        if (tip.isEmpty()) {
            return Optional.empty();
        }
        // Storage commits carry "Entire-Session: <id>" (FORMATS.md 2.5); the newest one names the checkpoint.
        for (LoggedCommit commit : repository.commitsMentioning("Entire-Session: " + session,
                List.of(tip.get().hex()))) {
            Optional<CheckpointId> id = CommitMessages.checkpointOf(commit.message());
            if (id.isPresent() && find(id.get()).map(found -> found.sessions().stream()
                    .anyMatch(stored -> stored.metadata().sessionId().equals(session))).orElse(false)) {
                return id;
            }
        }
        return Optional.empty();
    }

    @Override
    public Map<String, Set<CheckpointId>> recordedLinks() {
        Optional<ObjectId> tip = readTip();
        return tip.isEmpty() ? Map.of() : CommitMessages.recordedLinks(repository.commitsMentioning(
                CommitMessages.LINKED_COMMIT_KEY + ": ", List.of(tip.get().hex())));
    }

    @Override
    public List<CheckpointId> ids() {
        List<CheckpointId> ids = new ArrayList<>();
        forEachFolder((id, folder) -> ids.add(id));
        return ids;
    }

    @Override
    public List<CheckpointListing> list() {
        List<CheckpointId> ids = new ArrayList<>();
        List<ObjectId> folders = new ArrayList<>();
        forEachFolder((id, folder) -> {
            ids.add(id);
            folders.add(folder);
        });
        return ids.isEmpty() ? List.of()
                : FolderListing.read(workers, ids, folders, ListingCache.of(repository.commonDir(), kind()));
    }

    /** Every checkpoint folder on the branch (the local one, else a remote-tracking copy), by id. */
    public Map<CheckpointId, ObjectId> folders() {
        Map<CheckpointId, ObjectId> folders = new LinkedHashMap<>();
        forEachFolder(folders::put);
        return folders;
    }

    /** Visits every checkpoint folder on the branch, reading the shard trees in one pipelined pass. */
    private void forEachFolder(BiConsumer<CheckpointId, ObjectId> visitor) {
        Optional<ObjectId> tip = readTip();
        if (tip.isPresent()) {
            ShardedFolders.read(workers.reader(), workers.reader().readCommitTree(tip.get())).forEach(visitor);
        }
    }

    @Override
    public StoreWorkers workers() {
        return workers;
    }
}
