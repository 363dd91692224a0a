package io.entire.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** {@code entire help [command...]}: the usage of {@code entire}, or of the command the words name. */
final class HelpCommand implements CliCommand {
    private final CliContext context;

    HelpCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CommandSpecs.command(this, "help", "Show the help of entire or of a command.");
        spec.addPositional(PositionalParamSpec.builder().type(List.class).auxiliaryTypes(String.class)
                .arity("0..*").paramLabel("<command>").description("The command, e.g. 'status' or 'checkpoint list'.")
                .build());
        return spec;
    }

    @Override
    public int run(ParseResult parsed) {
        CommandLine target = parsed.commandSpec().parent().commandLine();
        for (String word : parsed.matchedPositionalValue(0, List.<String>of())) {
            CommandLine sub = target.getSubcommands().get(word);
            if (sub == null) {
                throw new ParameterException(parsed.commandSpec().commandLine(),
                        "'" + word + "' is not a command of '" + target.getCommandSpec().qualifiedName() + "'");
            }
            target = sub;
        }
        target.usage(context.out());
        return ExitCode.OK;
    }
}
