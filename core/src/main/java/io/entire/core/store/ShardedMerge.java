package io.entire.core.store;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.BatchReader;
import io.entire.core.git.CommitRequest;
import io.entire.core.git.Expected;
import io.entire.core.git.GitRepository;
import io.entire.core.git.ObjectId;
import io.entire.core.git.ObjectWriter;
import io.entire.core.git.RefName;
import io.entire.core.git.TreeEntry;
import io.entire.core.id.CheckpointId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Merges a remote's copy of a ref of sharded checkpoint folders ({@code <id[0:2]>/<id[2:]>/}: the v1 branch, v2
 * {@code /main}) into the local one after a refused push: the union of checkpoints, and for a checkpoint both sides
 * changed, the local changes since the merge base replayed session by session onto the remote's copy. One merge
 * commit with both tips as parents, compare-and-swap on the local ref. The remote tip's objects must be present.
 */
public final class ShardedMerge {
    private final GitRepository repository;
    private final CheckpointTree codec;
    private final BatchReader reader;
    private final ObjectWriter writer;
    private final FolderVersion version;

    public ShardedMerge(GitRepository repository, StoreWorkers workers, FolderVersion version) {
        this.repository = requireNonNull(repository, "repository is null");
        this.codec = workers.codec();
        this.reader = workers.reader();
        this.writer = workers.writer();
        this.version = requireNonNull(version, "version is null");
    }

    /** A checkpoint both sides had in different versions: the local folder and the merged one. */
    public record Replay(CheckpointId id, ObjectId localFolder, ObjectId mergedFolder) {
    }

    /** The new local tip and the checkpoints whose folders had to be replayed. */
    public record Merged(ObjectId tip, List<Replay> replays) {
    }

    /** Merges {@code remoteTip} into {@code ref}; a remote tip the local ref already contains changes nothing. */
    public Merged mergeRemote(RefName ref, ObjectId remoteTip, String message) {
        ObjectId localTip = repository.refs().find(ref)
                .orElseThrow(() -> new StorageConflictException(ref, "no local ref to merge into"));
        Optional<ObjectId> base = repository.mergeBase(localTip, remoteTip);
        if (base.equals(Optional.of(remoteTip))) {
            return new Merged(localTip, List.of());
        }
        List<Replay> replays = new ArrayList<>();
        ObjectId tree = mergeRoots(reader.readCommitTree(localTip), reader.readCommitTree(remoteTip),
                base.map(reader::readCommitTree), replays);
        ObjectId commit = writer.writeCommit(CommitRequest.of(tree, List.of(localTip, remoteTip), message));
        Retry.requireLanded(ref, repository.refs().update(ref, Expected.value(localTip), commit,
                "entire: merge remote checkpoints"));
        return new Merged(commit, replays);
    }

    private ObjectId mergeRoots(ObjectId localRoot, ObjectId remoteRoot, Optional<ObjectId> baseRoot,
            List<Replay> replays) {
        Map<String, TreeEntry> local = CheckpointTree.entriesByName(reader.readTree(localRoot));
        Map<String, TreeEntry> remote = CheckpointTree.entriesByName(reader.readTree(remoteRoot));
        Map<String, TreeEntry> merged = new LinkedHashMap<>(local);
        for (TreeEntry remoteShard : remote.values()) {
            TreeEntry localShard = local.get(remoteShard.name());
            if (!remoteShard.isTree() || remoteShard.name().length() != 2) {
                merged.putIfAbsent(remoteShard.name(), remoteShard);
            } else if (localShard == null) {
                merged.put(remoteShard.name(), remoteShard);
            } else if (!localShard.id().equals(remoteShard.id())) {
                merged.put(remoteShard.name(), TreeEntry.tree(remoteShard.name(),
                        mergeShard(remoteShard, localShard, baseRoot, replays)));
            }
        }
        return writer.writeTree(merged.values());
    }

    private ObjectId mergeShard(TreeEntry remoteShard, TreeEntry localShard, Optional<ObjectId> baseRoot,
            List<Replay> replays) {
        Map<String, TreeEntry> local = CheckpointTree.entriesByName(reader.readTree(localShard.id()));
        Map<String, TreeEntry> merged = CheckpointTree.entriesByName(reader.readTree(remoteShard.id()));
        for (TreeEntry folder : local.values()) {
            TreeEntry remote = merged.get(folder.name());
            Optional<CheckpointId> id = CheckpointId.parse(localShard.name() + folder.name());
            if (remote == null || id.isEmpty() || !folder.isTree()) {
                merged.putIfAbsent(folder.name(), folder);
            } else if (!remote.id().equals(folder.id())) {
                Optional<ObjectId> before = baseRoot
                        .flatMap(root -> reader.find(root.hex() + ":" + id.get().treePath()))
                        .filter(object -> object.type().equals("tree")).map(object -> object.id());
                WrittenCheckpoint replayed = codec.replaySessions(id.get(), Optional.of(remote.id()), folder.id(),
                        before, "/" + localShard.name() + "/" + folder.name(), version);
                merged.put(folder.name(), TreeEntry.tree(folder.name(), replayed.folder()));
                replays.add(new Replay(id.get(), folder.id(), replayed.folder()));
            }
        }
        return writer.writeTree(merged.values());
    }
}
