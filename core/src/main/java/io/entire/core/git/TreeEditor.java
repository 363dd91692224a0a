package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies path edits to a tree and writes the changed trees: only the trees on an edited path are read and
 * rewritten, every other subtree is reused by id. Uses the caller's reader and writer, on the caller's thread.
 */
public final class TreeEditor {
    private final BatchReader reader;
    private final ObjectWriter writer;

    public TreeEditor(BatchReader reader, ObjectWriter writer) {
        this.reader = requireNonNull(reader, "reader is null");
        this.writer = requireNonNull(writer, "writer is null");
    }

    /**
     * The tree {@code root} becomes when each path ({@code a/b/c.txt}) is set to its entry, or removed where the entry
     * is empty; directories left empty disappear. The entry's own name is ignored: the path's last part names it.
     */
    public ObjectId apply(Optional<ObjectId> root, Map<String, Optional<TreeEntry>> edits) {
        for (String path : edits.keySet()) {
            if (path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.contains("//")) {
                throw new IllegalArgumentException("invalid path to edit: '" + path + "'");
            }
        }
        return edit(root, edits).orElseGet(() -> writer.writeTree(List.of()));
    }

    private Optional<ObjectId> edit(Optional<ObjectId> tree, Map<String, Optional<TreeEntry>> edits) {
        Map<String, TreeEntry> entries = new LinkedHashMap<>();
        tree.ifPresent(id -> reader.readTree(id).forEach(entry -> entries.put(entry.name(), entry)));
        Map<String, Map<String, Optional<TreeEntry>>> nested = new LinkedHashMap<>();
        for (Map.Entry<String, Optional<TreeEntry>> edit : edits.entrySet()) {
            String path = edit.getKey();
            int slash = path.indexOf('/');
            if (slash < 0) {
                entries.remove(path);
                edit.getValue().ifPresent(entry -> entries.put(path, new TreeEntry(entry.mode(), path, entry.id())));
            } else {
                nested.computeIfAbsent(path.substring(0, slash), name -> new LinkedHashMap<>())
                        .put(path.substring(slash + 1), edit.getValue());
            }
        }
        for (Map.Entry<String, Map<String, Optional<TreeEntry>>> directory : nested.entrySet()) {
            String name = directory.getKey();
            Optional<ObjectId> existing = Optional.ofNullable(entries.get(name)).filter(TreeEntry::isTree)
                    .map(TreeEntry::id);
            Optional<ObjectId> edited = edit(existing, directory.getValue());
            entries.remove(name);
            edited.ifPresent(id -> entries.put(name, TreeEntry.tree(name, id)));
        }
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(writer.writeTree(new ArrayList<>(entries.values())));
    }
}
