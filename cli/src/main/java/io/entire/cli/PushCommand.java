package io.entire.cli;

import io.entire.core.push.PushReport;
import io.entire.core.workspace.Workspace;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/** {@code entire checkpoint push}: what the pre-push hook does, on demand. */
final class PushCommand implements CliCommand {
    private final CliContext context;

    PushCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpecs.command(this, "push",
                        "Push queued checkpoint refs (and the checkpoint branch where it is written) to a remote.")
                .addPositional(CommandSpecs.optionalParameter("<remote>", "remote name or URL (default: origin)"));
    }

    @Override
    public int run(ParseResult parsed) {
        PushReport report;
        try (Workspace workspace = context.openWorkspace()) {
            report = workspace.push(parsed.matchedPositionalValue(0, ""));
        }
        PushOutput.summarize(report, context.out(), context.err());
        if (report.succeeded() && report.pushed() == 0 && !report.branchPushed()) {
            context.out().println("Nothing to push: " + report.remote() + " has every checkpoint.");
        }
        return report.succeeded() ? ExitCode.OK : ExitCode.FAILED;
    }
}
