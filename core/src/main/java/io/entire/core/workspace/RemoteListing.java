package io.entire.core.workspace;

import static java.util.Objects.requireNonNull;

import io.entire.core.store.RemoteCheckpoint;
import java.util.List;

/** The checkpoints a remote holds, by ref name, and the name of the remote that was asked. */
public record RemoteListing(String remote, List<RemoteCheckpoint> checkpoints) {
    public RemoteListing {
        requireNonNull(remote, "remote is null");
        checkpoints = List.copyOf(checkpoints);
    }
}
