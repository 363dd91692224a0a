package io.entire.core;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** Work started on a daemon thread of its own and joined where its result is needed, e.g. a git process overlapped. */
public final class Background<T> {
    private static final System.Logger LOG = Log.of(Background.class);

    private final String name;
    private final FutureTask<T> task;

    private Background(String name, FutureTask<T> task) {
        this.name = name;
        this.task = task;
    }

    public static <T> Background<T> start(String name, Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return new Background<>(name, task);
    }

    /** The work's value; what it threw is thrown here. */
    public T join() {
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(name + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }

    /**
     * Waits until the work has ended, whatever it returned or threw: for a caller that failed before it needed the
     * value, and must not release what the work uses while it still runs.
     */
    public void awaitEnd() {
        try {
            task.get();
        } catch (ExecutionException | CancellationException e) {
            LOG.log(System.Logger.Level.DEBUG, name + " ended unused: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
