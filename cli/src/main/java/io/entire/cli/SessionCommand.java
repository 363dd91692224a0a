package io.entire.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/** {@code entire session}: the group of commands over recorded sessions; alone, prints its usage. */
final class SessionCommand implements CliCommand {
    private final CliContext context;

    SessionCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpecs.command(this, "session", "List, inspect and stop the sessions Entire records.");
    }

    @Override
    public int run(ParseResult parsed) {
        parsed.commandSpec().commandLine().usage(context.out());
        return ExitCode.OK;
    }
}
