package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.Warning;
import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import io.entire.core.model.TokenUsage;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code attach} captured and where it went. {@code headLinked} is false when HEAD does not carry the
 * checkpoint's trailer yet: the caller then links HEAD ({@link Attacher#linkHead}) or tells the user the trailer.
 */
public record AttachResult(CheckpointId checkpointId, SessionId sessionId, Path transcript, int slot,
        boolean changed, List<Warning> mirrorWarnings, ObjectId head, boolean headLinked, int turns, String model,
        TokenUsage tokenUsage, List<String> filesTouched, int skippedLines, long secretsRedacted) {
    public AttachResult {
        requireNonNull(checkpointId, "checkpointId is null");
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(transcript, "transcript is null");
        mirrorWarnings = List.copyOf(mirrorWarnings);
        requireNonNull(head, "head is null");
        requireNonNull(model, "model is null");
        requireNonNull(tokenUsage, "tokenUsage is null");
        filesTouched = List.copyOf(filesTouched);
    }
}
