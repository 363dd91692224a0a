package io.entire.cli;

import io.entire.core.push.PushReport;
import java.io.PrintWriter;

/** How a push of checkpoint data is reported to people (stderr in hooks, stdout for the command). */
final class PushOutput {
    private PushOutput() {
    }

    static void summarize(PushReport report, PrintWriter out) {
        if (report.unreachable()) {
            out.println("entire: could not reach '" + report.remote() + "'; checkpoints stay queued for the next push ("
                    + String.join("; ", report.failed()) + ")");
            return;
        }
        if (report.pushed() > 0 || report.branchPushed() || report.reconciled() > 0) {
            out.println("entire: pushed " + report.pushed() + " checkpoint ref(s)"
                    + (report.branchPushed() ? " and the checkpoint branch" : "") + " to " + report.remote()
                    + (report.reconciled() > 0 ? " (" + report.reconciled() + " reconciled with the remote)" : ""));
        }
        for (String failure : report.failed()) {
            out.println("entire: not pushed, stays queued: " + failure);
        }
        out.flush();
    }
}
