package io.entire.core.store;

import io.entire.core.git.BatchReader;
import io.entire.core.git.ObjectId;
import io.entire.core.git.ObjectWriter;
import io.entire.core.git.TreeEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Replaces one entry deep inside a tree ({@code a3/b2c4d5e6f7/0}), writing only the trees along the path. */
public final class TreeSplice {
    private TreeSplice() {
    }

    /** The tree at a path under a root, if there is one. */
    public static Optional<ObjectId> find(BatchReader reader, Optional<ObjectId> root, List<String> path) {
        Optional<ObjectId> current = root;
        for (String name : path) {
            if (current.isEmpty()) {
                return Optional.empty();
            }
            Map<String, TreeEntry> entries = CheckpointTree.entriesByName(reader.readTree(current.get()));
            current = Optional.ofNullable(entries.get(name)).filter(TreeEntry::isTree).map(TreeEntry::id);
        }
        return current;
    }

    /** The root with the tree at {@code path} replaced (or created) by {@code tree}. */
    public static ObjectId put(BatchReader reader, ObjectWriter writer, Optional<ObjectId> root, List<String> path,
            ObjectId tree) {
        Map<String, TreeEntry> entries = root.map(id -> CheckpointTree.entriesByName(reader.readTree(id)))
                .orElseGet(LinkedHashMap::new);
        String name = path.get(0);
        ObjectId child = path.size() == 1 ? tree : put(reader, writer,
                Optional.ofNullable(entries.get(name)).filter(TreeEntry::isTree).map(TreeEntry::id),
                path.subList(1, path.size()), tree);
        entries.put(name, TreeEntry.tree(name, child));
        return writer.writeTree(entries.values());
    }

    /** The root with a file at its top level replaced (or added). */
    public static ObjectId putFile(BatchReader reader, ObjectWriter writer, Optional<ObjectId> root, String name,
            ObjectId blob) {
        Map<String, TreeEntry> entries = root.map(id -> CheckpointTree.entriesByName(reader.readTree(id)))
                .orElseGet(LinkedHashMap::new);
        entries.put(name, TreeEntry.file(name, blob));
        return writer.writeTree(entries.values());
    }
}
