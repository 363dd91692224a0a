package io.entire.core.doctor;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;
import io.entire.core.id.CheckpointId;

/** No local store holds the checkpoint a repair names, so nothing was written. */
public final class CheckpointNotStoredException extends EntireException {
    private final CheckpointId checkpointId;

    public CheckpointNotStoredException(CheckpointId checkpointId) {
        super(Category.STATE, "checkpoint " + checkpointId + " is in no local checkpoint store (v1 branch,"
                + " checkpoint refs, v2 refs); nothing was rewritten");
        this.checkpointId = requireNonNull(checkpointId, "checkpointId is null");
    }

    public CheckpointId checkpointId() {
        return checkpointId;
    }
}
