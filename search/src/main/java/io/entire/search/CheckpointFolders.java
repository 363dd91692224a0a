package io.entire.search;

import io.entire.core.git.ObjectId;
import io.entire.core.git.RefTip;
import io.entire.core.id.CheckpointId;
import io.entire.core.settings.StoreMode;
import io.entire.core.store.StoreSet;
import io.entire.core.store.refs.CheckpointRefs;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The tree of every stored checkpoint's folder, by id, from the store that answers reads of it. A checkpoint whose
 * tree differs from the one indexed has changed (a session was added, a fetch brought a teammate's version), so
 * comparing trees finds what to index without reading any checkpoint. The folders of the ref store and the v1 branch
 * hold everything a checkpoint stores; the others ({@link #readThroughStores}) do not (v2 keeps raw transcripts on
 * other refs), so those checkpoints are read as explain reads them.
 */
record CheckpointFolders(Map<CheckpointId, ObjectId> folders, Set<CheckpointId> readThroughStores) {
    CheckpointFolders {
        folders = Collections.unmodifiableMap(new LinkedHashMap<>(folders));
        readThroughStores = Set.copyOf(readThroughStores);
    }

    static CheckpointFolders of(StoreSet stores) {
        Map<CheckpointId, ObjectId> folders = new LinkedHashMap<>();
        Set<CheckpointId> readThroughStores = new HashSet<>();
        stores.refStore().ifPresent(refs -> {
            for (RefTip tip : refs.tips()) {
                folders.putIfAbsent(CheckpointRefs.checkpointOf(tip.ref()).orElseThrow(), tip.tree());
            }
        });
        stores.branchStore().ifPresent(branch -> branch.folders().forEach(folders::putIfAbsent));
        stores.v2Store().ifPresent(v2 -> v2.folders().forEach((id, folder) -> {
            if (folders.putIfAbsent(id, folder) == null) {
                readThroughStores.add(id);
            }
        }));
        if (stores.mode() != StoreMode.REFS) {
            return new CheckpointFolders(folders, readThroughStores);
        }
        // The v1 branch is a read fallback for legacy ids here, not a store this set exposes: its checkpoints that
        // were never migrated are read one by one, as explain would.
        for (CheckpointId id : stores.ids()) {
            if (!folders.containsKey(id)) {
                stores.find(id).ifPresent(located -> {
                    folders.put(id, located.checkpoint().folder());
                    readThroughStores.add(id);
                });
            }
        }
        return new CheckpointFolders(folders, readThroughStores);
    }
}
