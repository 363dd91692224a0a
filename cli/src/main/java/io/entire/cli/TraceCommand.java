package io.entire.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/** {@code entire trace}: the group of commands over Agent Trace records; alone, prints its usage. */
final class TraceCommand implements CliCommand {
    private final CliContext context;

    TraceCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpecs.command(this, "trace", "Share who wrote the code as Agent Trace records.");
    }

    @Override
    public int run(ParseResult parsed) {
        parsed.commandSpec().commandLine().usage(context.out());
        return ExitCode.OK;
    }
}
