package io.entire.core.git;

import static java.util.Objects.requireNonNull;

/** One ref's outcome of a push, with the remote's words. */
public record PushResult(RefName ref, PushStatus status, String detail) {
    public PushResult {
        requireNonNull(ref, "ref is null");
        requireNonNull(status, "status is null");
        requireNonNull(detail, "detail is null");
    }
}
