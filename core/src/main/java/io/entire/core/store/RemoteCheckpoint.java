package io.entire.core.store;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.RefName;
import io.entire.core.id.CheckpointId;

/** A checkpoint ref seen on a remote by name only; {@code local} tells whether it is fetched already. */
public record RemoteCheckpoint(CheckpointId id, RefName ref, boolean local) {
    public RemoteCheckpoint {
        requireNonNull(id, "id is null");
        requireNonNull(ref, "ref is null");
    }
}
