package io.entire.core.store;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.Deadline;
import io.entire.core.git.Remote;
import java.util.Optional;

/**
 * The remote checkpoints go to and are fetched from for one code remote: the code remote itself, or the separate
 * checkpoint remote the settings name ({@code separate}). {@code warning} says why a setting was ignored.
 */
public record CheckpointDestination(Remote remote, boolean separate, Optional<String> warning) {
    /** The remote-tracking namespace for a checkpoint remote given by URL, which has no name of its own. */
    public static final String URL_TRACKING_NAME = "entire-checkpoint-remote";

    public CheckpointDestination {
        requireNonNull(remote, "remote is null");
        requireNonNull(warning, "warning is null");
    }

    /** The remote's name or URL, for messages. */
    public String remoteName() {
        return remote.name();
    }

    /** The same remote with every conversation stopped at {@code deadline}. */
    public CheckpointDestination withDeadline(Deadline deadline) {
        return new CheckpointDestination(remote.withDeadline(deadline), separate, warning);
    }
}
