package io.entire.cli;

import io.entire.core.push.PushReport;
import io.entire.core.store.CheckpointDestination;
import io.entire.core.workspace.Workspace;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code entire checkpoint push}: what the pre-push hook does, on demand, saying where the checkpoints go when a
 * checkpoint remote is set; {@code --to <remote>} pushes every checkpoint of this clone to a remote it names.
 */
final class PushCommand implements CliCommand {
    private static final String TO = "--to";

    private final CliContext context;

    PushCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpecs.command(this, "push",
                        "Push queued checkpoint refs (and the checkpoint branch where it is written) to the checkpoint"
                                + " remote.")
                .addPositional(CommandSpecs.optionalParameter("<remote>",
                        "the code remote whose checkpoints to push (default: origin); they go to the"
                                + " checkpoint remote when strategy_options.checkpoint_remote sets one"))
                .addOption(CommandSpecs.option("<remote>", "push every checkpoint of this clone to this remote"
                        + " (name or URL), whatever the settings say; moves them to a new checkpoint remote", TO)
                        .build());
    }

    @Override
    public int run(ParseResult parsed) {
        PushReport report;
        ProgressLine progress = ProgressLine.forCommand(context, "pushing checkpoint refs");
        try (Workspace workspace = context.openWorkspace()) {
            if (parsed.hasMatchedOption(TO)) {
                report = workspace.pushEverythingTo(parsed.matchedOptionValue(TO, ""), progress);
            } else {
                String codeRemote = parsed.matchedPositionalValue(0, "");
                CheckpointDestination destination = workspace.checkpointDestination(workspace.namedRemote(codeRemote));
                destination.warning().ifPresent(context::error);
                if (destination.separate()) {
                    context.out().println("Checkpoints go to the checkpoint remote " + destination.remoteName()
                            + ", never to the code remote; checkpoints pushed to the code remote before stay there"
                            + " ('entire checkpoint push --to <remote>' copies this clone's to a remote).");
                }
                report = workspace.push(destination, progress);
            }
        } finally {
            progress.finish();
        }
        PushOutput.summarize(report, context.out(), context.err());
        if (report.succeeded() && report.pushed() == 0 && !report.branchPushed()) {
            context.out().println("Nothing to push: " + report.remote() + " has every checkpoint.");
        }
        return report.succeeded() ? ExitCode.OK : ExitCode.FAILED;
    }
}
