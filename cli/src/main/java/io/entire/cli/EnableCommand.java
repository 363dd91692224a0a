package io.entire.cli;

import io.entire.core.agent.Agent;
import io.entire.core.agent.Agents;
import io.entire.core.agent.ExistingHooks;
import io.entire.core.agent.HookInstallation;
import io.entire.core.settings.CheckpointRemoteSetting;
import io.entire.core.setup.EnableOptions;
import io.entire.core.setup.EnableResult;
import io.entire.core.setup.GitHookInstallation;
import io.entire.core.setup.SettingsTarget;
import io.entire.core.workspace.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** {@code entire enable}: turns on live capture: settings, the agent's hooks and the git hooks. */
final class EnableCommand implements CliCommand {
    /** The command the installed hooks run; tests point it at their class path. */
    static final String HOOK_COMMAND_VARIABLE = "ENTIRE_HOOK_COMMAND";

    private static final String AGENT = "--agent";
    private static final String LOCAL = "--local";
    private static final String PROJECT = "--project";
    private static final String FORCE = "--force";
    private static final String SKIP_PUSH_SESSIONS = "--skip-push-sessions";
    private static final String STRATEGY = "--strategy";
    private static final String MANUAL_COMMIT = "manual-commit";
    private static final String CHECKPOINT_REMOTE = "--checkpoint-remote";

    private final CliContext context;

    EnableCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpecs.command(this, "enable",
                        "Record agent sessions in this repository: install the agent's hooks and the git hooks.")
                .addOption(CommandSpecs.option("<agent>", "the agent whose hooks to install (default: "
                        + Agents.DEFAULT_SLUG + "); repeat it for several", AGENT).type(String[].class).build())
                .addArgGroup(settingsFileOptions())
                .addOption(CommandSpecs.flag("replace Entire's entries in the agent's settings", "-f", FORCE))
                .addOption(CommandSpecs.flag("do not push checkpoints when you git push", SKIP_PUSH_SESSIONS))
                .addOption(CommandSpecs.option("<strategy>", "accepted for the Go tool's scripts; "
                        + MANUAL_COMMIT + " is the only strategy", STRATEGY).build())
                .addOption(CommandSpecs.option("<url>", "push and fetch checkpoints there (a git URL or remote name),"
                        + " never to the code remote", CHECKPOINT_REMOTE).build());
    }

    @Override
    public int run(ParseResult parsed) {
        String strategy = parsed.matchedOptionValue(STRATEGY, MANUAL_COMMIT);
        if (!strategy.equals(MANUAL_COMMIT)) {
            throw new ParameterException(parsed.commandSpec().commandLine(), "unknown strategy '" + strategy
                    + "'; this version records with " + MANUAL_COMMIT + " only");
        }
        List<Agent> agents = new ArrayList<>();
        for (String slug : parsed.matchedOptionValue(AGENT, new String[] {Agents.DEFAULT_SLUG})) {
            Agent agent = Agents.bySlug(slug, context.environment());
            if (!agents.contains(agent)) {
                agents.add(agent);
            }
        }
        ExistingHooks existing = parsed.hasMatchedOption(FORCE) ? ExistingHooks.REPLACE : ExistingHooks.KEEP;
        EnableOptions options = new EnableOptions(agents.get(0), settingsTarget(parsed), existing,
                !parsed.hasMatchedOption(SKIP_PUSH_SESSIONS), checkpointRemote(parsed), hookCommand(context));
        try (Workspace workspace = context.openWorkspace()) {
            for (Agent more : agents.subList(1, agents.size())) {   // a link stops enable before it wrote anything
                more.settingsHooks(workspace.workTree(), context.environment()).requireNoLink();
            }
            render(workspace.enabler().enable(options), agents.get(0), workspace.workTree());
            for (Agent more : agents.subList(1, agents.size())) {
                renderAgentHooks(context, more, workspace.enabler().addAgent(more, options.hookCommand(), existing),
                        workspace.workTree());
            }
            workspace.importOffer().offerOnce(agents).ifPresent(count -> context.out().println("Found " + count
                    + " agent session(s) recorded here before Entire was enabled: 'entire import' links them to"
                    + " the commits they made ('entire import --dry-run' shows how first)."));
        }
        return ExitCode.OK;
    }

    /** The command the installed hooks run: {@code entire}, unless a test points it elsewhere. */
    static String hookCommand(CliContext context) {
        return context.environment().variable(HOOK_COMMAND_VARIABLE).orElse("entire");
    }

    /** One line for the hooks of {@code agent} that were installed, and a line per notice. */
    static void renderAgentHooks(CliContext context, Agent agent, HookInstallation agentHooks, Path workTree) {
        String where = workTree.relativize(agentHooks.settingsFile()).toString();
        String count = agentHooks.added() == 0 ? "already installed" : agentHooks.added() + " added";
        context.out().println("  " + agent.displayName() + " hooks: " + (where.isEmpty() ? count
                : agentHooks.added() == 0 ? "already in " + where : count + " to " + where));
        for (String notice : agentHooks.notices()) {
            context.out().println("  " + notice);
        }
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
        renderAgentHooks(context, agent, result.agentHooks(), workTree);
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
