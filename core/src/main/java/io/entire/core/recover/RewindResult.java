package io.entire.core.recover;

import static java.util.Objects.requireNonNull;

import io.entire.core.Warning;
import io.entire.core.git.ObjectId;
import java.util.List;
import java.util.Optional;

/**
 * What a rewind changed; {@code resetFrom} is where the branch was before a reset, for the undo; {@code warnings}
 * name what was done only in part.
 */
public record RewindResult(RewindPoint point, List<FileChange> files, List<TranscriptRestore> transcripts,
        Optional<ObjectId> resetFrom, List<Warning> warnings) {
    public RewindResult {
        requireNonNull(point, "point is null");
        files = List.copyOf(files);
        transcripts = List.copyOf(transcripts);
        requireNonNull(resetFrom, "resetFrom is null");
        warnings = List.copyOf(warnings);
    }
}
