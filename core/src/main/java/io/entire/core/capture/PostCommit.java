package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.Warning;
import io.entire.core.session.OwedCheckpoints;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A post-commit whose checkpoint and sessions' state are written ({@link #result}), with its rest still to do
 * ({@link #finish}): the old shadow branches to delete and the checkpoint's owed mark to clear. It holds the mark's
 * lock until closed, so no other hook completes the mark meanwhile; left unfinished (the process killed), the mark
 * stays and the next hook completes the rest. Used by one thread.
 */
public final class PostCommit implements AutoCloseable {
    private final CondenseResult result;
    private final Optional<OwedCheckpoints.Lock> lock;
    private final Supplier<List<Warning>> rest;

    PostCommit(CondenseResult result, OwedCheckpoints.Lock lock, Supplier<List<Warning>> rest) {
        this(result, Optional.of(requireNonNull(lock, "lock is null")), rest);
    }

    private PostCommit(CondenseResult result, Optional<OwedCheckpoints.Lock> lock, Supplier<List<Warning>> rest) {
        this.result = requireNonNull(result, "result is null");
        this.lock = lock;
        this.rest = requireNonNull(rest, "rest is null");
    }

    /** A post-commit with nothing left to do. */
    static PostCommit done(CondenseResult result) {
        return new PostCommit(result, Optional.empty(), List::of);
    }

    public CondenseResult result() {
        return result;
    }

    /** Deletes the old shadow branches and clears the owed mark; warnings for the branches that kept moving. */
    public List<Warning> finish() {
        return rest.get();
    }

    /** Releases the owed mark's lock. */
    @Override
    public void close() {
        lock.ifPresent(OwedCheckpoints.Lock::close);
    }
}
