package io.entire.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/** {@code entire agent}: the group of commands over the agents recorded here; alone, prints its usage. */
final class AgentCommand implements CliCommand {
    private final CliContext context;

    AgentCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpecs.command(this, "agent", "List, add and remove the agents whose hooks record sessions here.");
    }

    @Override
    public int run(ParseResult parsed) {
        parsed.commandSpec().commandLine().usage(context.out());
        return ExitCode.OK;
    }
}
