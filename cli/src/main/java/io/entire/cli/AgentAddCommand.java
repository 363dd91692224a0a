package io.entire.cli;

import io.entire.core.agent.Agent;
import io.entire.core.agent.Agents;
import io.entire.core.agent.ExistingHooks;
import io.entire.core.agent.HookInstallation;
import io.entire.core.workspace.Workspace;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/** {@code entire agent add <agent>}: installs one more agent's hooks, next to those already here. */
final class AgentAddCommand implements CliCommand {
    private final CliContext context;

    AgentAddCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpecs.command(this, "add", "Install an agent's hooks in this repository.")
                .addPositional(CommandSpecs.parameter("<agent>", "the agent (see entire agent list)"))
                .addOption(CommandSpecs.flag("replace Entire's entries in the agent's settings", "-f", "--force"));
    }

    @Override
    public int run(ParseResult parsed) {
        Agent agent = Agents.bySlug(parsed.matchedPositionalValue(0, ""), context.environment());
        try (Workspace workspace = context.openWorkspace()) {
            HookInstallation installed = workspace.enabler().addAgent(agent, EnableCommand.hookCommand(context),
                    parsed.hasMatchedOption("--force") ? ExistingHooks.REPLACE : ExistingHooks.KEEP);
            EnableCommand.renderAgentHooks(context, agent, installed, workspace.workTree());
        }
        return ExitCode.OK;
    }
}
