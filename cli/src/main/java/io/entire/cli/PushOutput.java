package io.entire.cli;

import io.entire.core.Diagnostics;
import io.entire.core.Log;
import io.entire.core.push.PushFailure;
import io.entire.core.push.PushReport;
import java.io.PrintWriter;

/**
 * How a push of checkpoint data is reported to people: what went out on {@code out}, what did not on {@code err},
 * each as one line that says what happens next. A push that had nothing to send says nothing.
 */
final class PushOutput {
    private PushOutput() {
    }

    static void summarize(PushReport report, PrintWriter out, PrintWriter err) {
        if (report.unreachable()) {
            // Outside a repository set up there is no log: the details went to stderr, just above.
            err.println("entire: could not reach '" + report.remote() + "'; " + leftBehind(report)
                    + "; 'entire checkpoint push' retries" + (Log.keepsLog() ? " (details in " + Diagnostics.LOCATION
                    + ")" : ""));
            err.flush();
            return;
        }
        if (report.outOfTime()) {
            err.println("entire: pushing checkpoints to '" + report.remote() + "' ran out of time ("
                    + GitHooks.PUSH_TIME_VARIABLE + ") after " + refs(report.pushed()) + "; " + leftBehind(report)
                    + "; the next push or 'entire checkpoint push' retries");
            err.flush();
            return;
        }
        if (report.pushed() > 0 || report.branchPushed() || report.reconciled() > 0) {
            out.println("entire: pushed " + whatWentOut(report) + " to " + report.remote()
                    + (report.reconciled() > 0 ? " (" + report.reconciled() + " reconciled with the remote)" : ""));
        }
        for (PushFailure failure : report.failed()) {
            err.println(failure.staysQueued() ? "entire: not pushed, stays queued: " + failure.text()
                    : "entire: not pushed: " + failure.text() + "; the next push sends it again");
        }
        out.flush();
        err.flush();
    }

    private static String whatWentOut(PushReport report) {
        if (report.pushed() == 0 && report.branchPushed()) {
            return "the checkpoint branch";
        }
        return refs(report.pushed()) + (report.branchPushed() ? " and the checkpoint branch" : "");
    }

    private static String leftBehind(PushReport report) {
        return switch (report.queued()) {
            case 0 -> "the checkpoint branch was not pushed";
            case 1 -> "1 checkpoint stays queued";
            default -> report.queued() + " checkpoints stay queued";
        };
    }

    private static String refs(int count) {
        return count == 1 ? "1 checkpoint ref" : count + " checkpoint refs";
    }
}
