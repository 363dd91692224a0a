package io.entire.core.recover;

import static java.util.Objects.requireNonNull;

import io.entire.core.Warning;
import io.entire.core.git.ObjectId;
import io.entire.core.store.StoreSet;
import io.entire.core.store.StoredSession;
import java.util.List;
import java.util.Optional;

/**
 * Everything a rewind will change, checked before anything is: the files, the step's transcript or the stored
 * sessions of a checkpoint, and the commit the branch moves to. {@code head} is HEAD when the plan was made;
 * {@code warnings} name what the rewind will leave as it is.
 */
public record RewindPlan(RewindPoint point, RewindMode mode, ObjectId head, List<FileChange> files,
        Optional<StepTranscript> stepTranscript, Optional<StoreSet.Located> checkpoint,
        List<StoredSession> storedSessions, Optional<ObjectId> resetTo, List<Warning> warnings) {
    public RewindPlan {
        requireNonNull(point, "point is null");
        requireNonNull(mode, "mode is null");
        requireNonNull(head, "head is null");
        files = List.copyOf(files);
        requireNonNull(stepTranscript, "stepTranscript is null");
        requireNonNull(checkpoint, "checkpoint is null");
        storedSessions = List.copyOf(storedSessions);
        requireNonNull(resetTo, "resetTo is null");
        warnings = List.copyOf(warnings);
        if (!storedSessions.isEmpty() && checkpoint.isEmpty()) {
            throw new IllegalArgumentException("point " + point.id() + ": stored sessions without their checkpoint");
        }
    }

    /** True when carrying the plan out would change nothing. */
    public boolean isEmpty() {
        return files.isEmpty() && stepTranscript.isEmpty() && storedSessions.isEmpty() && resetTo.isEmpty();
    }
}
