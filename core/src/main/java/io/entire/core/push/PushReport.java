package io.entire.core.push;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What one push of checkpoint data did. {@code unreachable} means nothing could be sent and the queue is intact (the
 * one failure says whether the remote did not answer or refused our credentials); {@code outOfTime} that the push
 * stopped at its deadline, leaving the rest for the next push; {@code failed} names each ref that stays queued and
 * why; {@code queued} counts the refs the queue still holds afterwards (always 0 where
 * no ref store is written, as there is no queue).
 */
public record PushReport(String remote, boolean unreachable, boolean outOfTime, int pushed, int alreadyThere,
        int dropped, int reconciled, boolean branchPushed, List<PushFailure> failed, int queued) {
    public PushReport {
        requireNonNull(remote, "remote is null");
        failed = List.copyOf(failed);
        if (queued < 0) {
            throw new IllegalArgumentException("remote " + remote + ": negative queue size " + queued);
        }
    }

    public static PushReport unreachable(String remote, PushFailure failure, int queued) {
        return new PushReport(remote, true, false, 0, 0, 0, 0, false, List.of(failure), queued);
    }

    public boolean succeeded() {
        return !unreachable && !outOfTime && failed.isEmpty();
    }
}
