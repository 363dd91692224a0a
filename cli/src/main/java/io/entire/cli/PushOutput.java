package io.entire.cli;

import io.entire.core.push.PushReport;
import java.io.PrintWriter;

/** How a push of checkpoint data is reported to people: what went out on {@code out}, what did not on {@code err}. */
final class PushOutput {
    private PushOutput() {
    }

    static void summarize(PushReport report, PrintWriter out, PrintWriter err) {
        if (report.unreachable()) {
            err.println("entire: could not reach '" + report.remote() + "'; checkpoints stay queued for the next push ("
                    + String.join("; ", report.failed()) + ")");
            err.flush();
            return;
        }
        if (report.outOfTime()) {
            err.println("entire: pushing checkpoints to '" + report.remote() + "' ran out of time ("
                    + GitHooks.PUSH_TIME_VARIABLE + ") after " + report.pushed() + " ref(s); the rest stays queued"
                    + " for the next push or 'entire checkpoint push'");
            err.flush();
            return;
        }
        if (report.pushed() > 0 || report.branchPushed() || report.reconciled() > 0) {
            out.println("entire: pushed " + report.pushed() + " checkpoint ref(s)"
                    + (report.branchPushed() ? " and the checkpoint branch" : "") + " to " + report.remote()
                    + (report.reconciled() > 0 ? " (" + report.reconciled() + " reconciled with the remote)" : ""));
        }
        for (String failure : report.failed()) {
            err.println("entire: not pushed, stays queued: " + failure);
        }
        out.flush();
        err.flush();
    }
}
