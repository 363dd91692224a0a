package io.entire.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/** {@code entire version}: the version and build id. */
final class VersionCommand implements CliCommand {
    private final CliContext context;

    VersionCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpecs.command(this, "version", "Print the version and build id.");
    }

    @Override
    public int run(ParseResult parsed) {
        context.out().println(context.build().describe());
        return ExitCode.OK;
    }
}
