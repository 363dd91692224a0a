package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.Warning;
import io.entire.core.git.ObjectId;
import java.util.List;

/**
 * What {@code import} found and wrote: every past session with its matches, the checkpoints written (none on a dry
 * run), and with {@code --link} the commits that now carry a trailer and those left alone because a remote has them.
 */
public record ImportResult(List<PastSessionMatch> sessions, List<ImportedCheckpoint> checkpoints,
        List<ObjectId> trailersAdded, List<ObjectId> pushedLeftAlone, List<Warning> warnings) {
    public ImportResult {
        sessions = List.copyOf(sessions);
        checkpoints = List.copyOf(checkpoints);
        trailersAdded = List.copyOf(trailersAdded);
        pushedLeftAlone = List.copyOf(pushedLeftAlone);
        warnings = List.copyOf(warnings);
    }

    /** The sessions the import would write or wrote. */
    public List<PastSessionMatch> matched() {
        return sessions.stream().filter(session -> session.status() == PastSessionMatch.Status.MATCHED).toList();
    }

    static ImportResult planned(List<PastSessionMatch> sessions) {
        requireNonNull(sessions, "sessions is null");
        return new ImportResult(sessions, List.of(), List.of(), List.of(), List.of());
    }
}
