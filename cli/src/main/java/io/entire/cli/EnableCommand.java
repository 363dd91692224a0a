package io.entire.cli;

import io.entire.core.agent.AgentKind;
import io.entire.core.agent.claudecode.ClaudeSettingsHooks;
import io.entire.core.setup.EnableOptions;
import io.entire.core.setup.EnableResult;
import io.entire.core.setup.Enabler;
import io.entire.core.setup.GitHookInstallation;
import io.entire.core.setup.SettingsTarget;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code entire enable}: turns on live capture: settings, the agent's hooks and the git hooks. */
@Command(name = "enable", mixinStandardHelpOptions = true,
        description = "Record agent sessions in this repository: install the agent's hooks and the git hooks.")
final class EnableCommand implements Callable<Integer> {
    /** The command the installed hooks run; tests point it at their class path. */
    static final String HOOK_COMMAND_VARIABLE = "ENTIRE_HOOK_COMMAND";

    @Option(names = "--agent", paramLabel = "<agent>", defaultValue = "claude-code",
            description = "the agent whose hooks to install (default: ${DEFAULT-VALUE})")
    String agent;

    @ArgGroup(exclusive = true)
    SettingsFileOption settingsFile = new SettingsFileOption();

    @Option(names = {"-f", "--force"}, description = "replace Entire's entries in the agent's settings")
    boolean force;

    @Option(names = "--skip-push-sessions", description = "do not push checkpoints when you git push")
    boolean skipPushSessions;

    private final CliContext context;

    EnableCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        EnableOptions options = new EnableOptions(AgentKind.fromSlug(agent), settingsFile.target(),
                force ? ClaudeSettingsHooks.Existing.REPLACE : ClaudeSettingsHooks.Existing.KEEP, !skipPushSessions,
                context.environment().getOrDefault(HOOK_COMMAND_VARIABLE, "entire"));
        var repository = context.openRepository();
        EnableResult result = new Enabler(repository).enable(options);
        render(result, repository.workTree());
        return ExitCode.OK;
    }

    private void render(EnableResult result, Path workTree) {
        context.out().println("Entire is enabled in " + workTree + " (" + workTree.relativize(result.settingsFile())
                + ")");
        context.out().println("  " + AgentKind.fromSlug(agent).displayName() + " hooks: "
                + (result.agentHooksAdded() == 0 ? "already in " : result.agentHooksAdded() + " added to ")
                + workTree.relativize(result.agentSettingsFile()));
        GitHookInstallation hooks = result.gitHooks();
        if (hooks.manager().isPresent()) {
            context.out().println("  git hooks: " + hooks.manager().get().displayName() + " manages the hooks in "
                    + hooks.hooksDirectory() + "; Entire left them alone.");
            context.out().print(hooks.instructions().indent(4));
            context.out().flush();
            return;
        }
        context.out().println("  git hooks: " + (hooks.written().isEmpty() ? "already installed"
                : String.join(", ", hooks.written())) + " in " + hooks.hooksDirectory());
        for (String hook : hooks.backedUp()) {
            context.out().println("  your " + hook + " hook is kept as " + hook + ".pre-entire and still runs after"
                    + " Entire's");
        }
    }

    /** {@code --local} or {@code --project}, at most one. */
    static final class SettingsFileOption {
        @Option(names = "--local", description = "write .entire/settings.local.json (this clone only)")
        boolean local;

        @Option(names = "--project", description = "write .entire/settings.json (committed, for everyone)")
        boolean project;

        SettingsTarget target() {
            return local ? SettingsTarget.LOCAL : project ? SettingsTarget.PROJECT : SettingsTarget.AUTOMATIC;
        }
    }
}
