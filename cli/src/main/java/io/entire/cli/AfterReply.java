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

    private final boolean answerFirst;
    private final List<Runnable> work = new ArrayList<>();

    private AfterReply(boolean answerFirst) {
        this.answerFirst = answerFirst;
    }

    /** A served hook's: the client has the output and exit code before this runs. */
    static AfterReply ofServedHook() {
        return new AfterReply(true);
    }

    /** The work of a hook in a JVM of its own, which answers by exiting: nothing is answered before it runs. */
    static AfterReply ofOwnProcess() {
        return new AfterReply(false);
    }

    /**
     * Whether the hook answers before this work runs. When it does not, the work may as well start beside the hook's
     * own (its processes overlap what the hook does in Java, on another core).
     */
    boolean answerFirst() {
        return answerFirst;
    }

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
