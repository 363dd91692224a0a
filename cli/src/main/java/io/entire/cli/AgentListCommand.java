package io.entire.cli;

import io.entire.core.setup.AgentHooksState;
import io.entire.core.workspace.Workspace;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code entire agent list}: every agent this version can record, built in or an {@code entire-agent-<name>} on PATH,
 * and whether its hooks are installed in this repository.
 */
final class AgentListCommand implements CliCommand {
    private final CliContext context;

    AgentListCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpecs.command(this, "list", "List the agents Entire can record and whether their hooks are"
                + " installed here.");
    }

    @Override
    public int run(ParseResult parsed) {
        try (Workspace workspace = context.openWorkspace()) {
            for (AgentHooksState agent : workspace.enabler().agents()) {
                context.out().println(agent.slug() + "  " + agent.displayName()
                        + (agent.external() ? " (external)" : "") + "  "
                        + (!agent.problem().isEmpty() ? "unusable: " + agent.problem()
                        : agent.hooksInstalled() ? "hooks installed" : "not installed"));
            }
        }
        return ExitCode.OK;
    }
}
