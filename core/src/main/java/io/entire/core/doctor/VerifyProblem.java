package io.entire.core.doctor;

import static java.util.Objects.requireNonNull;

/**
 * One problem {@code entire doctor verify} found: the checkpoint (or, for a ref whose name holds no valid id, the
 * ref), the store it is in, what kind of damage, and a sentence saying what exactly.
 */
public record VerifyProblem(String checkpoint, String store, ProblemKind kind, String detail) {
    public VerifyProblem {
        requireNonNull(checkpoint, "checkpoint is null");
        requireNonNull(store, "store is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(detail, "detail is null");
    }

    /** The line the command prints. */
    public String line() {
        return checkpoint + " (" + store + "): " + detail;
    }
}
