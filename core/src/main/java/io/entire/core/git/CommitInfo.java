package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The parts of a commit object that storage code needs: tree, parents, message. */
public record CommitInfo(ObjectId id, ObjectId tree, List<ObjectId> parents, String message) {
    public CommitInfo {
        requireNonNull(id, "id is null");
        requireNonNull(tree, "tree is null");
        parents = List.copyOf(parents);
        requireNonNull(message, "message is null");
    }
}
