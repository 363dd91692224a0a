package io.entire.core.store;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import io.entire.core.model.CheckpointSummary;

/**
 * A checkpoint folder just written: its tree, the slot the session landed in, the new root summary, and whether
 * anything differs from what was stored before.
 */
public record WrittenCheckpoint(CheckpointId id, ObjectId folder, int slot, CheckpointSummary summary,
        boolean changed) {
    public WrittenCheckpoint {
        requireNonNull(id, "id is null");
        requireNonNull(folder, "folder is null");
        requireNonNull(summary, "summary is null");
    }
}
