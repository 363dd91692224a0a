package io.entire.search;

import io.entire.core.git.ObjectId;
import io.entire.core.git.RefTip;
import io.entire.core.id.CheckpointId;
import io.entire.core.settings.StoreMode;
import io.entire.core.store.refs.CheckpointRefs;
import io.entire.core.store.StoreSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tree of every stored checkpoint's folder, by id, from the store that answers reads of it. A checkpoint whose
 * tree differs from the one indexed has changed (a session was added, a fetch brought a teammate's version), so
 * comparing trees finds what to index without reading any checkpoint.
 */
final class CheckpointFolders {
    private CheckpointFolders() {
    }

    static Map<CheckpointId, ObjectId> of(StoreSet stores) {
        Map<CheckpointId, ObjectId> folders = new LinkedHashMap<>();
        stores.refStore().ifPresent(refs -> {
            for (RefTip tip : refs.tips()) {
                folders.putIfAbsent(CheckpointRefs.checkpointOf(tip.ref()).orElseThrow(), tip.tree());
            }
        });
        stores.branchStore().ifPresent(branch -> branch.folders().forEach(folders::putIfAbsent));
        stores.v2Store().ifPresent(v2 -> v2.folders().forEach(folders::putIfAbsent));
        if (stores.mode() != StoreMode.REFS) {
            return folders;
        }
        // The v1 branch is a read fallback for legacy ids here, not a store this set exposes: its checkpoints that
        // were never migrated are read one by one, as explain would.
        for (CheckpointId id : stores.ids()) {
            if (!folders.containsKey(id)) {
                stores.find(id).ifPresent(located -> folders.put(id, located.checkpoint().folder()));
            }
        }
        return folders;
    }
}
