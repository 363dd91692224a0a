package io.entire.cli;

import io.entire.core.setup.DisableResult;
import io.entire.core.setup.Enabler;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code entire disable}: stops live capture; with {@code --uninstall} removes Entire's hooks and session state. */
@Command(name = "disable", mixinStandardHelpOptions = true,
        description = "Stop recording agent sessions here. Checkpoints already written are kept.")
final class DisableCommand implements Callable<Integer> {
    @Option(names = "--uninstall", description = "also remove the git hooks (restoring the ones they replaced), the"
            + " agent's hook entries, session state and shadow branches")
    boolean uninstall;

    @ArgGroup(exclusive = true)
    EnableCommand.SettingsFileOption settingsFile = new EnableCommand.SettingsFileOption();

    private final CliContext context;

    DisableCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        var repository = context.openRepository();
        DisableResult result = new Enabler(repository).disable(settingsFile.target(),
                uninstall ? Enabler.Uninstall.REMOVE_HOOKS : Enabler.Uninstall.KEEP_HOOKS);
        context.out().println("Entire is disabled (" + repository.workTree().relativize(result.settingsFile())
                + " says enabled: false).");
        if (uninstall) {
            context.out().println("  removed git hooks: " + (result.gitHooksRemoved().isEmpty() ? "none"
                    : String.join(", ", result.gitHooksRemoved())));
            context.out().println("  removed agent hook entries: " + result.agentHooksRemoved());
            context.out().println("  removed session states: " + result.sessionsRemoved() + ", shadow branches: "
                    + result.shadowBranchesRemoved());
            context.out().println("  checkpoints are kept.");
        } else {
            context.out().println("  The hooks stay installed and do nothing; 'entire enable' turns capture back on.");
        }
        return ExitCode.OK;
    }
}
