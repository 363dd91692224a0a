package io.entire.cli;

import io.entire.core.DiagnosticEvent;
import io.entire.core.Diagnostics;
import io.entire.core.EntireException;
import io.entire.core.Log;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** Builds the picocli tree from {@link CliCommand}s, runs the command a parse selects, maps failures to exit codes. */
final class Commands {
    private Commands() {
    }

    static int execute(String[] args, CliContext context, OutputStream rawOut) {
        // Each command's model costs a few milliseconds to build; when the first word names a command, that command is
        // all this run can execute. Help and completion, which name any command, and typo suggestions on the root
        // need the whole tree.
        boolean whole = args.length == 0 || args[0].equals("help") || args[0].equals("completion");
        CommandLine root = build(context, rawOut, whole ? "" : args[0]);
        root.setOut(context.out());
        root.setErr(context.err());
        root.setColorScheme(CommandLine.Help.defaultColorScheme(context.style().ansi()));
        root.setExecutionStrategy(parsed -> run(parsed, context));
        root.setParameterExceptionHandler((exception, parsed) -> {
            // Some of picocli's messages start with "Error: ", which our "entire: " already says.
            context.error(exception.getMessage().replaceFirst("^Error: ", ""));
            CommandLine.UnmatchedArgumentException.printSuggestions(exception, context.err());
            context.err().println("Run '" + exception.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' for usage.");
            return ExitCode.USAGE;
        });
        return root.execute(args);
    }

    /** Every command, for what documents them all (the man pages). */
    static CommandLine wholeTree(CliContext context) {
        return build(context, OutputStream.nullOutputStream(), "");
    }

    /** The root with the command {@code only} names, or with every command when it names none. */
    private static CommandLine build(CliContext context, OutputStream rawOut, String only) {
        Map<String, Supplier<CommandLine>> commands = new LinkedHashMap<>();
        // In the order the usage lists them.
        commands.put("agent", () -> tree(new AgentCommand(context), new AgentListCommand(context),
                new AgentAddCommand(context), new AgentRemoveCommand(context)));
        commands.put("attach", () -> tree(new AttachCommand(context)));
        commands.put("blame", () -> tree(new BlameCommand(context)));
        commands.put("checkpoint", () -> tree(new CheckpointCommand(context), new ListCommand(context),
                new PushCommand(context)));
        commands.put("clean", () -> tree(new CleanCommand(context)));
        commands.put("completion", () -> tree(new CompletionCommand(context)));
        commands.put("disable", () -> tree(new DisableCommand(context)));
        commands.put("doctor", () -> tree(new DoctorCommand(context), new DoctorVerifyCommand(context)));
        commands.put("enable", () -> tree(new EnableCommand(context)));
        commands.put("explain", () -> tree(new ExplainCommand(context, rawOut)));
        commands.put("help", () -> tree(new HelpCommand(context)));
        commands.put("import", () -> tree(new ImportCommand(context)));
        commands.put("link", () -> tree(new LinkCommand(context)));
        commands.put("migrate", () -> tree(new MigrateCommand(context)));
        commands.put("redact", () -> tree(new RedactCommand(context)));
        commands.put("resume", () -> tree(new ResumeCommand(context)));
        commands.put("rewind", () -> tree(new RewindCommand(context)));
        commands.put("search", () -> tree(new SearchCommand(context)));
        commands.put("session", () -> tree(new SessionCommand(context), new SessionListCommand(context),
                new SessionInfoCommand(context), new SessionCurrentCommand(context), new SessionStopCommand(context)));
        commands.put("status", () -> tree(new StatusCommand(context)));
        commands.put("trace", () -> tree(new TraceCommand(context), new TraceExportCommand(context)));
        commands.put("version", () -> tree(new VersionCommand(context)));
        commands.put(CheckpointIdsCommand.NAME, () -> tree(new CheckpointIdsCommand(context)));
        CommandLine root = tree(new RootCommand(context));
        Supplier<CommandLine> named = commands.get(only);
        if (named != null) {
            root.addSubcommand(only, named.get());
        } else {
            commands.forEach((name, command) -> root.addSubcommand(name, command.get()));
        }
        addExamples(root);
        return root;
    }

    /** Ends the help of every command of the tree with its examples; names are known once the tree is built. */
    private static void addExamples(CommandLine command) {
        HelpExamples.add(command.getCommandSpec());
        command.getSubcommands().values().forEach(Commands::addExamples);
    }

    private static CommandLine tree(CliCommand command, CliCommand... subcommands) {
        CommandLine line = new CommandLine(command.spec());
        for (CliCommand subcommand : subcommands) {
            CommandLine sub = new CommandLine(subcommand.spec());
            line.addSubcommand(sub.getCommandName(), sub);
        }
        return line;
    }

    /** Prints the help a parse asked for, or runs the last command it names. */
    private static int run(ParseResult parsed, CliContext context) {
        Integer helpExitCode = CommandLine.executeHelpRequest(parsed);
        if (helpExitCode != null) {
            return helpExitCode;
        }
        ParseResult command = parsed;
        while (command.hasSubcommand()) {
            command = command.subcommand();
        }
        try {
            return ((CliCommand) command.commandSpec().userObject()).run(command);
        } catch (ParameterException e) {
            throw e;   // a usage error found by the command: picocli's handler reports it like its own
        } catch (RuntimeException e) {
            return report(e, context);
        }
    }

    /**
     * Prints a failure as one clear line and returns its exit code; an unexpected one (a bug) keeps its stack trace in
     * the run's log.
     */
    static int report(Exception exception, CliContext context) {
        if (exception instanceof EntireException entire) {
            context.error(entire.getMessage());
            return switch (entire.category()) {
                case USAGE -> ExitCode.USAGE;
                case STATE, GIT, STORAGE, INTERNAL -> ExitCode.FAILED;
            };
        }
        StringWriter trace = new StringWriter();
        exception.printStackTrace(new PrintWriter(trace));
        boolean logged = Log.recordInLog(DiagnosticEvent.of(Instant.now(), System.Logger.Level.ERROR, "entire",
                "internal error: " + trace));
        context.error("internal error: " + exception + (logged ? " (details in " + Diagnostics.LOCATION + ")" : ""));
        return ExitCode.FAILED;
    }
}
