package io.entire.core.migrate;

import io.entire.core.CheckpointFailure;
import io.entire.core.CheckpointFailure.Category;
import io.entire.core.git.BatchReader;
import io.entire.core.git.GitRepository;
import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checkpoints whose v1 folder names a file the repository lacks: a damaged v1 branch, whose copy would be a ref
 * no remote accepts or a generation git cannot pack. Such a checkpoint fails alone, named, and stays on the v1
 * branch. Not asked in a partial clone, which lacks objects by design and where git would fetch each one asked for.
 */
final class DamagedFolders {
    private DamagedFolders() {
    }

    /** For each damaged checkpoint among {@code files} (each checkpoint's file ids), the first object it lacks. */
    static Map<CheckpointId, ObjectId> find(GitRepository repository, BatchReader reader,
            Map<CheckpointId, List<ObjectId>> files) {
        if (files.isEmpty() || repository.config("extensions.partialclone").isPresent()) {
            return Map.of();
        }
        List<ObjectId> asked = new ArrayList<>();
        List<CheckpointId> owners = new ArrayList<>();
        files.forEach((id, objects) -> objects.forEach(object -> {
            asked.add(object);
            owners.add(id);
        }));
        Set<ObjectId> missing = reader.missing(asked);
        Map<CheckpointId, ObjectId> damaged = new HashMap<>();
        for (int i = 0; i < asked.size() && !missing.isEmpty(); i++) {
            if (missing.contains(asked.get(i))) {
                damaged.putIfAbsent(owners.get(i), asked.get(i));
            }
        }
        return damaged;
    }

    static CheckpointFailure failure(CheckpointId id, ObjectId lacking) {
        return CheckpointFailure.of(id, Category.MISSING_OBJECT, "its v1 folder names object " + lacking.hex()
                + ", which the repository lacks; it stays on the v1 branch ('entire doctor verify' lists what is"
                + " damaged)");
    }
}
