package io.entire.core.store;

import io.entire.core.Log;
import io.entire.core.git.BatchReader;
import io.entire.core.git.GitObject;
import io.entire.core.git.MissingObjectException;
import io.entire.core.git.ObjectId;
import io.entire.core.git.TreeEntry;
import io.entire.core.id.CheckpointId;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code <id[0:2]>/<id[2:]>/} folders under a root tree (v1 branch, v2 refs), read in one pipelined pass. */
public final class ShardedFolders {
    private static final System.Logger LOG = Log.of(ShardedFolders.class);

    private ShardedFolders() {
    }

    /** Every checkpoint folder under the root tree, by id, in tree order. */
    public static Map<CheckpointId, ObjectId> read(BatchReader reader, ObjectId rootTree) {
        List<TreeEntry> shards = reader.readTree(rootTree).stream()
                .filter(entry -> entry.isTree() && entry.name().length() == 2).toList();
        List<Optional<GitObject>> shardTrees = new ArrayList<>(shards.size());
        reader.readAll(shards.stream().map(entry -> entry.id().hex()).toList(), shardTrees::add);
        Map<CheckpointId, ObjectId> folders = new LinkedHashMap<>();
        for (int i = 0; i < shards.size(); i++) {
            String shard = shards.get(i).name();
            GitObject shardTree = shardTrees.get(i).orElseThrow(() -> new MissingObjectException(shard));
            for (TreeEntry entry : reader.parseTree(shardTree)) {
                Optional<CheckpointId> id = CheckpointId.parse(shard + entry.name());
                if (id.isPresent() && entry.isTree()) {
                    folders.put(id.get(), entry.id());
                } else {
                    LOG.log(Level.DEBUG, "skipping " + shard + "/" + entry.name()
                            + ": not a checkpoint folder");
                }
            }
        }
        return folders;
    }
}
