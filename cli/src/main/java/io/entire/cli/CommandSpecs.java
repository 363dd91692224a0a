package io.entire.cli;

import io.entire.core.Environment;
import io.entire.core.agent.Agent;
import io.entire.core.agent.Agents;
import java.util.List;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/** Short builders for the picocli model of the commands, so that each command declares its arguments in a few lines. */
final class CommandSpecs {
    private static final String AGENT = "--agent";

    private CommandSpecs() {
    }

    /** A command with a description and {@code -h/--help}. */
    static CommandSpec command(CliCommand command, String name, String description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(name);
        spec.usageMessage().description(description);
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        // Taken by every command, and read before parsing (Style, Pager); the root's help lists them.
        spec.addOption(OptionSpec.builder(Style.NO_COLOR_OPTION).hidden(!name.equals("entire"))
                .description("Print no colours, even on a terminal (as NO_COLOR does).").build());
        spec.addOption(OptionSpec.builder(Pager.NO_PAGER_OPTION).hidden(!name.equals("entire"))
                .description("Print long output directly instead of through $PAGER (less -FRX).").build());
        return spec;
    }

    /** Adds an "Examples" section, one command a line, to the end of the command's help. */
    static CommandSpec withExamples(CommandSpec spec, String... examples) {
        StringBuilder footer = new StringBuilder("%n").append(examples.length == 1 ? "Example:" : "Examples:");
        for (String example : examples) {
            footer.append("%n  ").append(example.replace("%", "%%"));
        }
        spec.usageMessage().footer(footer.toString());
        return spec;
    }

    /** What completes a checkpoint id: the completion scripts ask {@link CheckpointIdsCommand} for the stored ones. */
    static List<String> checkpointIds() {
        return List.of(CompletionCommand.CHECKPOINT_IDS);
    }

    /** A boolean option: present or not. */
    static OptionSpec flag(String description, String... names) {
        return OptionSpec.builder(names).type(boolean.class).description(description).build();
    }

    /** An option with one value. */
    static OptionSpec.Builder option(String label, String description, String... names) {
        return OptionSpec.builder(names).type(String.class).paramLabel(label).description(description);
    }

    /** A positional parameter that must be given. */
    static PositionalParamSpec parameter(String label, String description) {
        return PositionalParamSpec.builder().type(String.class).arity("1").required(true).paramLabel(label)
                .description(description).build();
    }

    /** A positional parameter that may be left out. */
    static PositionalParamSpec optionalParameter(String label, String description) {
        return PositionalParamSpec.builder().type(String.class).arity("0..1").paramLabel(label)
                .description(description).build();
    }

    /** {@code --agent <agent>}, the agent a command is about; Claude Code unless given. */
    static OptionSpec agentOption(String description) {
        return option("<agent>", description + " (default: ${DEFAULT-VALUE})", "-a", AGENT)
                .defaultValue(Agents.DEFAULT_SLUG).build();
    }

    /**
     * The agent {@link #agentOption} selected, external agents on {@code environment}'s PATH included; an unknown one
     * is a usage error listing the supported ones.
     */
    static Agent agent(ParseResult parsed, Environment environment) {
        return Agents.bySlug(parsed.matchedOptionValue(AGENT, Agents.DEFAULT_SLUG), environment);
    }

    /** Options of which at most one may be given. */
    static ArgGroupSpec oneOf(OptionSpec... options) {
        ArgGroupSpec.Builder group = ArgGroupSpec.builder().exclusive(true).multiplicity("0..1");
        for (OptionSpec option : options) {
            group.addArg(option);
        }
        return group.build();
    }
}
