package io.entire.core.recover;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import java.util.List;
import java.util.Optional;

/**
 * What a resume did: the branch it switched to (if it did), the commit whose checkpoints it took (none when a
 * checkpoint id was given), those checkpoints, and each session's transcript.
 */
public record ResumeResult(Optional<String> switchedTo, Optional<ObjectId> commit, List<CheckpointId> checkpoints,
        List<TranscriptRestore> sessions) {
    public ResumeResult {
        requireNonNull(switchedTo, "switchedTo is null");
        requireNonNull(commit, "commit is null");
        checkpoints = List.copyOf(checkpoints);
        sessions = List.copyOf(sessions);
    }
}
