package io.entire.cli;

import static java.util.Objects.requireNonNull;

import io.entire.core.Log;
import java.util.ArrayList;
import java.util.List;

/**
 * What a hook does once it has answered, while the agent or git goes on: served, after the client has the hook's
 * output and exit code; in a JVM of its own, just before the JVM exits. A server may die before this runs, so a hook
 * leaves here only work whose loss the next hook copes with, and saves first what that hook needs. One hook's, used by
 * the thread that runs it.
 */
final class AfterReply {
    private static final System.Logger LOG = Log.of(AfterReply.class);

    private final List<Runnable> work = new ArrayList<>();

    void add(Runnable next) {
        work.add(requireNonNull(next, "next is null"));
    }

    /** Runs the work in order, each once; a failure is logged and the rest still runs. */
    void run() {
        for (Runnable next : work) {
            try {
                next.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "the hook's work after its reply failed", e);
            }
        }
        work.clear();
    }
}
