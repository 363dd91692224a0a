package io.entire.core.session;

import static java.util.Objects.requireNonNull;

import io.entire.core.id.CheckpointId;
import java.util.List;

/**
 * A checkpoint written while the session's turn was still running (the agent committed mid-turn): at that turn's
 * stop, its transcript is rewritten with the whole turn, from the same start line, with the same files and prompts.
 */
public record Finalization(CheckpointId checkpointId, long transcriptStart, List<String> files, List<String> prompts,
        long checkpointsCount) {
    public Finalization {
        requireNonNull(checkpointId, "checkpointId is null");
        if (transcriptStart < 0 || checkpointsCount < 0) {
            throw new IllegalArgumentException("checkpoint " + checkpointId + ": negative start or count");
        }
        files = List.copyOf(files);
        prompts = List.copyOf(prompts);
    }

    public Finalization withPrompts(List<String> newPrompts) {
        return new Finalization(checkpointId, transcriptStart, files, newPrompts, checkpointsCount);
    }
}
