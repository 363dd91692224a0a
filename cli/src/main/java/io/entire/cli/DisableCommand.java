package io.entire.cli;

import io.entire.core.setup.DisableResult;
import io.entire.core.setup.Enabler;
import io.entire.core.workspace.Workspace;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/** {@code entire disable}: stops live capture; with {@code --uninstall} removes Entire's hooks and session state. */
final class DisableCommand implements CliCommand {
    private static final String UNINSTALL = "--uninstall";
    private static final String FORCE = "--force";

    private final CliContext context;

    DisableCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpecs.command(this, "disable",
                        "Stop recording agent sessions here. Checkpoints already written are kept.")
                .addOption(CommandSpecs.flag("also remove the git hooks (restoring the ones they replaced), the"
                        + " agent's hook entries, session state and shadow branches", UNINSTALL))
                .addArgGroup(EnableCommand.settingsFileOptions())
                .addOption(CommandSpecs.flag("with --uninstall: do not ask first on a terminal", "-f", FORCE, "-y",
                        "--yes"));
    }

    @Override
    public int run(ParseResult parsed) {
        boolean uninstall = parsed.hasMatchedOption(UNINSTALL);
        Path workTree;
        DisableResult result;
        try (Workspace workspace = context.openWorkspace()) {
            workTree = workspace.workTree();
            if (uninstall && !parsed.hasMatchedOption(FORCE) && !context.terminal().confirm("Remove Entire's hooks,"
                    + " session state and shadow branches from " + workTree + "? Checkpoints are kept.", false)
                    .orElse(true)) {
                context.err().println("Nothing changed.");
                return ExitCode.OK;
            }
            result = workspace.enabler().disable(EnableCommand.settingsTarget(parsed),
                    uninstall ? Enabler.Uninstall.REMOVE_HOOKS : Enabler.Uninstall.KEEP_HOOKS);
        }
        context.out().println(result.entireFolderRemoved() ? "Entire is uninstalled."
                : "Entire is disabled (" + workTree.relativize(result.settingsFile()) + " says enabled: false).");
        if (uninstall) {
            context.out().println("  removed git hooks: " + (result.gitHooksRemoved().isEmpty() ? "none"
                    : String.join(", ", result.gitHooksRemoved())));
            context.out().println("  removed agent hook entries: " + result.agentHooksRemoved());
            context.out().println("  removed session states: " + result.sessionsRemoved() + ", shadow branches: "
                    + result.shadowBranchesRemoved());
            if (result.entireFolderRemoved()) {
                context.out().println("  removed .entire/ (it held only Entire's settings and logs).");
            } else if (!result.othersFiles().isEmpty()) {
                context.out().println("  kept .entire/: it also holds " + String.join(", ", result.othersFiles())
                        + ".");
            }
            context.out().println("  checkpoints are kept.");
        } else {
            context.out().println("  The hooks stay installed and do nothing; 'entire enable' turns capture back on.");
        }
        return ExitCode.OK;
    }
}
