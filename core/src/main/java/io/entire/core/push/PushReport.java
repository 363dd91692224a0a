package io.entire.core.push;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What one push of checkpoint data did. {@code unreachable} means nothing could be sent and the queue is intact;
 * {@code outOfTime} that the push stopped at its deadline, leaving the rest for the next push; {@code failed} names
 * each ref that stays queued and why.
 */
public record PushReport(String remote, boolean unreachable, boolean outOfTime, int pushed, int alreadyThere,
        int dropped, int reconciled, boolean branchPushed, List<String> failed) {
    public PushReport {
        requireNonNull(remote, "remote is null");
        failed = List.copyOf(failed);
    }

    public static PushReport unreachable(String remote, String problem) {
        return new PushReport(remote, true, false, 0, 0, 0, 0, false, List.of(problem));
    }

    public boolean succeeded() {
        return !unreachable && !outOfTime && failed.isEmpty();
    }
}
