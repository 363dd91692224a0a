package io.entire.core.doctor;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.RefName;
import io.entire.core.push.PushQueue;
import java.util.Optional;

/**
 * One line of the push queue that pushes skip: its number (from 1), why, the ref it names when it names one, and the
 * parser's reason when it is not a queue entry at all (empty otherwise).
 */
record QueueProblem(int line, Kind kind, Optional<RefName> ref, String reason) {
    QueueProblem {
        if (line < 1) {
            throw new IllegalArgumentException("line " + line + " is not a line number");
        }
        requireNonNull(kind, "kind is null");
        requireNonNull(ref, "ref is null");
        requireNonNull(reason, "reason is null");
        if (ref.isPresent() != (kind == Kind.NOT_A_CHECKPOINT_REF)) {
            throw new IllegalArgumentException("a ref belongs to a " + Kind.NOT_A_CHECKPOINT_REF + " line, and only"
                    + " there; this one is " + kind);
        }
    }

    /** Why pushes skip the line. */
    enum Kind {
        /** Bytes that do not decode as UTF-8. */
        NOT_UTF8,
        /** A JSON object without a {@code "ref"}. */
        NO_REF,
        /** A valid ref name outside those Entire pushes. */
        NOT_A_CHECKPOINT_REF,
        /** Not a JSON object, or a {@code "ref"} that is no valid ref name. */
        NOT_A_QUEUE_ENTRY
    }

    /** The sentence {@code entire doctor} prints, naming the queue file and the line. */
    String sentence() {
        String why = switch (kind) {
            case NOT_UTF8 -> "not UTF-8";
            case NO_REF -> "no \"ref\"";
            case NOT_A_CHECKPOINT_REF -> ref.orElseThrow() + " is not a checkpoint ref";
            case NOT_A_QUEUE_ENTRY -> "not a queue entry (" + reason + ")";
        };
        return PushQueue.FILE + " line " + line + ": " + why;
    }
}
