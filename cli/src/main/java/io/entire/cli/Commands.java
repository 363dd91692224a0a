package io.entire.cli;

import io.entire.core.EntireException;
import java.io.OutputStream;
import picocli.CommandLine;

/** Builds the picocli command tree by hand (no reflection-based factory) and maps failures to exit codes. */
final class Commands {
    private Commands() {
    }

    static int execute(String[] args, CliContext context, OutputStream rawOut) {
        CommandLine root = new CommandLine(new RootCommand(context.build()));
        root.addSubcommand("version", new VersionCommand(context));
        root.addSubcommand("attach", new AttachCommand(context));
        root.addSubcommand("enable", new EnableCommand(context));
        root.addSubcommand("disable", new DisableCommand(context));
        root.addSubcommand("status", new StatusCommand(context));
        CommandLine checkpoint = new CommandLine(new CheckpointCommand());
        checkpoint.addSubcommand("list", new ListCommand(context));
        checkpoint.addSubcommand("push", new PushCommand(context));
        root.addSubcommand("checkpoint", checkpoint);
        root.addSubcommand("explain", new ExplainCommand(context, rawOut));
        root.addSubcommand("migrate", new MigrateCommand(context));
        root.setOut(context.out());
        root.setErr(context.err());
        root.setExecutionExceptionHandler((exception, commandLine, parseResult) -> report(exception, context));
        root.setParameterExceptionHandler((exception, parsed) -> {
            context.err().println("entire: " + exception.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(exception, context.err());
            context.err().println("Run '" + exception.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' for usage.");
            return ExitCode.USAGE;
        });
        return root.execute(args);
    }

    /** Prints a failure as one clear line and returns its exit code; unexpected ones keep their stack trace. */
    static int report(Exception exception, CliContext context) {
        if (exception instanceof EntireException entire) {
            context.err().println("entire: " + entire.getMessage());
            return switch (entire.category()) {
                case USAGE -> ExitCode.USAGE;
                case STATE, GIT, STORAGE, INTERNAL -> ExitCode.FAILED;
            };
        }
        context.err().println("entire: internal error: " + exception);
        exception.printStackTrace(context.err());
        return ExitCode.FAILED;
    }
}
