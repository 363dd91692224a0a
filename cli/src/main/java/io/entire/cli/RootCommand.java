package io.entire.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/** {@code entire}: records what AI coding agents did in a git repository; without a command, prints its usage. */
final class RootCommand implements CliCommand {
    private final CliContext context;

    RootCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CommandSpecs.command(this, "entire",
                "Record what AI coding agents did in this git repository and link it to your commits.");
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
        spec.versionProvider(() -> new String[] {context.build().describe()});
        return spec;
    }

    @Override
    public int run(ParseResult parsed) {
        parsed.commandSpec().commandLine().usage(context.out());
        return ExitCode.OK;
    }
}
