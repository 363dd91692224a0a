package io.entire.cli;

import io.entire.core.agent.Agent;
import io.entire.core.agent.ExistingHooks;
import io.entire.core.agent.HookInstallation;
import io.entire.core.settings.CheckpointRemoteSetting;
import io.entire.core.setup.EnableOptions;
import io.entire.core.setup.EnableResult;
import io.entire.core.setup.GitHookInstallation;
import io.entire.core.setup.SettingsTarget;
import io.entire.core.workspace.Workspace;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** {@code entire enable}: turns on live capture: settings, the agent's hooks and the git hooks. */
final class EnableCommand implements CliCommand {
    /** The command the installed hooks run; tests point it at their class path. */
    static final String HOOK_COMMAND_VARIABLE = "ENTIRE_HOOK_COMMAND";

    private static final String LOCAL = "--local";
    private static final String PROJECT = "--project";
    private static final String FORCE = "--force";
    private static final String SKIP_PUSH_SESSIONS = "--skip-push-sessions";
    private static final String CHECKPOINT_REMOTE = "--checkpoint-remote";

    private final CliContext context;

    EnableCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpecs.command(this, "enable",
                        "Record agent sessions in this repository: install the agent's hooks and the git hooks.")
                .addOption(CommandSpecs.agentOption("the agent whose hooks to install"))
                .addArgGroup(settingsFileOptions())
                .addOption(CommandSpecs.flag("replace Entire's entries in the agent's settings", "-f", FORCE))
                .addOption(CommandSpecs.flag("do not push checkpoints when you git push", SKIP_PUSH_SESSIONS))
                .addOption(CommandSpecs.option("<url>", "push and fetch checkpoints there (a git URL or remote name),"
                        + " never to the code remote", CHECKPOINT_REMOTE).build());
    }

    @Override
    public int run(ParseResult parsed) {
        Agent agent = CommandSpecs.agent(parsed);
        EnableOptions options = new EnableOptions(agent, settingsTarget(parsed),
                parsed.hasMatchedOption(FORCE) ? ExistingHooks.REPLACE : ExistingHooks.KEEP,
                !parsed.hasMatchedOption(SKIP_PUSH_SESSIONS), checkpointRemote(parsed),
                context.environment().variable(HOOK_COMMAND_VARIABLE).orElse("entire"));
        try (Workspace workspace = context.openWorkspace()) {
            render(workspace.enabler().enable(options), agent, workspace.workTree());
        }
        return ExitCode.OK;
    }

    private static Optional<CheckpointRemoteSetting> checkpointRemote(ParseResult parsed) {
        if (!parsed.hasMatchedOption(CHECKPOINT_REMOTE)) {
            return Optional.empty();
        }
        String location = parsed.matchedOptionValue(CHECKPOINT_REMOTE, "");
        try {
            return Optional.of(CheckpointRemoteSetting.of(location));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(parsed.commandSpec().commandLine(), CHECKPOINT_REMOTE + ": '" + location
                    + "' is no git URL or remote name");
        }
    }

    /** {@code --local} or {@code --project}, at most one; {@code disable} takes them too. */
    static ArgGroupSpec settingsFileOptions() {
        return CommandSpecs.oneOf(
                CommandSpecs.flag("write .entire/settings.local.json (this clone only)", LOCAL),
                CommandSpecs.flag("write .entire/settings.json (committed, for everyone)", PROJECT));
    }

    /** The settings file {@link #settingsFileOptions} chose. */
    static SettingsTarget settingsTarget(ParseResult parsed) {
        return parsed.hasMatchedOption(LOCAL) ? SettingsTarget.LOCAL
                : parsed.hasMatchedOption(PROJECT) ? SettingsTarget.PROJECT : SettingsTarget.AUTOMATIC;
    }

    private void render(EnableResult result, Agent agent, Path workTree) {
        context.out().println("Entire is enabled in " + workTree + " (" + workTree.relativize(result.settingsFile())
                + ")");
        HookInstallation agentHooks = result.agentHooks();
        context.out().println("  " + agent.displayName() + " hooks: "
                + (agentHooks.added() == 0 ? "already in " : agentHooks.added() + " added to ")
                + workTree.relativize(agentHooks.settingsFile()));
        for (String notice : agentHooks.notices()) {
            context.out().println("  " + notice);
        }
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
}
