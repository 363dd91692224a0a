package io.entire.core.store;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;
import io.entire.core.id.CheckpointId;

/** A checkpoint could not be read or written; the id lets the user retry or repair just that one. */
public final class CheckpointException extends EntireException {
    private final CheckpointId checkpointId;

    public CheckpointException(CheckpointId checkpointId, String problem) {
        super(Category.STORAGE, "checkpoint %s: %s".formatted(checkpointId, problem));
        this.checkpointId = requireNonNull(checkpointId, "checkpointId is null");
    }

    public CheckpointException(CheckpointId checkpointId, String problem, Throwable cause) {
        super(Category.STORAGE, "checkpoint %s: %s".formatted(checkpointId, problem), cause);
        this.checkpointId = requireNonNull(checkpointId, "checkpointId is null");
    }

    public CheckpointId checkpointId() {
        return checkpointId;
    }
}
