package io.entire.cli;

import io.entire.core.agent.Agent;
import io.entire.core.agent.Agents;
import io.entire.core.workspace.Workspace;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/** {@code entire agent remove <agent>}: removes one agent's hooks; the other agents' and the git hooks stay. */
final class AgentRemoveCommand implements CliCommand {
    private final CliContext context;

    AgentRemoveCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpecs.command(this, "remove", "Remove an agent's hooks from this repository.")
                .addPositional(CommandSpecs.parameter("<agent>", "the agent (see entire agent list)"));
    }

    @Override
    public int run(ParseResult parsed) {
        Agent agent = Agents.bySlug(parsed.matchedPositionalValue(0, ""), context.environment());
        try (Workspace workspace = context.openWorkspace()) {
            int removed = workspace.enabler().removeAgent(agent);
            context.out().println(agent.displayName() + " hooks: " + (removed == 0 ? "none were installed"
                    : removed + " removed"));
        }
        return ExitCode.OK;
    }
}
