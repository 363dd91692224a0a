package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.Warning;
import io.entire.core.id.CheckpointId;
import java.util.List;
import java.util.Optional;

/** What a session end did: the checkpoint whose transcript it completed, if one was owed, and warnings for the log. */
public record SessionEndResult(Optional<CheckpointId> finalized, List<Warning> warnings) {
    public SessionEndResult {
        requireNonNull(finalized, "finalized is null");
        warnings = List.copyOf(warnings);
    }
}
