package io.entire.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/** {@code entire checkpoint}: the group of commands over stored checkpoints; alone, prints its usage. */
final class CheckpointCommand implements CliCommand {
    private final CliContext context;

    CheckpointCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpecs.command(this, "checkpoint", "Work with stored checkpoints.");
    }

    @Override
    public int run(ParseResult parsed) {
        parsed.commandSpec().commandLine().usage(context.out());
        return ExitCode.OK;
    }
}
