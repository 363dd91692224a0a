package io.entire.core.migrate;

import io.entire.core.CheckpointFailure;
import io.entire.core.CheckpointFailure.Category;
import io.entire.core.git.GitRepository;
import io.entire.core.git.MissingObjects;
import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checkpoints whose v1 folder names a file the repository lacks: a damaged v1 branch, whose copy would be a ref
 * no remote accepts or a generation git cannot pack. Such a checkpoint fails alone, named, and stays on the v1
 * branch. One walk over all the folders says whether anything is missing; only then are the folders' files matched
 * against it. Not asked in a partial clone, which lacks objects by design.
 */
final class DamagedFolders {
    private DamagedFolders() {
    }

    /** What the folders name that the repository lacks; nothing in a partial clone. */
    static Set<ObjectId> lacking(GitRepository repository, Collection<ObjectId> folders) {
        if (folders.isEmpty() || repository.config("extensions.partialclone").isPresent()) {
            return Set.of();
        }
        return MissingObjects.under(repository, folders);
    }

    /** For each checkpoint among {@code files} (its file ids) that names a lacking one, the first it names. */
    static Map<CheckpointId, ObjectId> firstLacking(Map<CheckpointId, List<ObjectId>> files, Set<ObjectId> lacking) {
        Map<CheckpointId, ObjectId> damaged = new LinkedHashMap<>();
        files.forEach((id, objects) -> {
            for (ObjectId object : objects) {
                if (lacking.contains(object)) {
                    damaged.put(id, object);
                    return;
                }
            }
        });
        return damaged;
    }

    static CheckpointFailure failure(CheckpointId id, ObjectId lacking) {
        return CheckpointFailure.of(id, Category.MISSING_OBJECT, "its v1 folder names object " + lacking.hex()
                + ", which the repository lacks; it stays on the v1 branch ('entire doctor verify' lists what is"
                + " damaged)");
    }
}
