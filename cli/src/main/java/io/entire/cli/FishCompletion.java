package io.entire.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** The fish completion script of a picocli command tree, which picocli does not write: {@code complete} lines. */
final class FishCompletion {
    private FishCompletion() {
    }

    static String script(CommandLine root) {
        String name = root.getCommandName();
        StringBuilder script = new StringBuilder("# fish completion for " + name + ", written by '" + name
                + " completion fish'\ncomplete -c " + name + " -f\n");
        appendArguments(script, name, "__fish_use_subcommand", root.getCommandSpec());
        for (Map.Entry<String, CommandLine> command : visible(root).entrySet()) {
            String word = command.getKey();
            script.append(complete(name, "__fish_use_subcommand", "-a " + word, description(command.getValue())));
            String seen = "__fish_seen_subcommand_from " + word;
            Map<String, CommandLine> subcommands = visible(command.getValue());
            for (Map.Entry<String, CommandLine> sub : subcommands.entrySet()) {
                script.append(complete(name, seen + "; and not __fish_seen_subcommand_from "
                        + String.join(" ", subcommands.keySet()), "-a " + sub.getKey(), description(sub.getValue())));
                appendArguments(script, name, "__fish_seen_subcommand_from " + sub.getKey(),
                        sub.getValue().getCommandSpec());
            }
            appendArguments(script, name, seen, command.getValue().getCommandSpec());
        }
        return script.toString();
    }

    private static void appendArguments(StringBuilder script, String name, String condition, CommandSpec spec) {
        for (OptionSpec option : spec.options()) {
            if (option.hidden()) {
                continue;
            }
            List<String> flags = new ArrayList<>();
            for (String optionName : option.names()) {
                flags.add(optionName.startsWith("--") ? "-l " + optionName.substring(2)
                        : "-s " + optionName.substring(1));
            }
            if (option.arity().max() > 0) {
                flags.add(takesCheckpointIds(option.completionCandidates()) ? idsArgument(name) : "-r");
            }
            script.append(complete(name, condition, String.join(" ", flags), String.join(" ", option.description())));
        }
        for (PositionalParamSpec positional : spec.positionalParameters()) {
            if (takesCheckpointIds(positional.completionCandidates())) {
                script.append(complete(name, condition, idsArgument(name), "checkpoint id"));
            } else if (positional.completionCandidates() != null) {
                script.append(complete(name, condition, "-a '" + String.join(" ", positional.completionCandidates())
                        + "'", positional.paramLabel()));
            }
        }
    }

    private static boolean takesCheckpointIds(Iterable<String> candidates) {
        return candidates != null && candidates.iterator().hasNext()
                && candidates.iterator().next().equals(CompletionCommand.CHECKPOINT_IDS);
    }

    private static String idsArgument(String name) {
        return "-r -a '(" + name + " " + CheckpointIdsCommand.NAME + " 2>/dev/null)'";
    }

    private static Map<String, CommandLine> visible(CommandLine command) {
        Map<String, CommandLine> visible = new java.util.LinkedHashMap<>();
        command.getSubcommands().forEach((word, sub) -> {
            if (!sub.getCommandSpec().usageMessage().hidden() && word.equals(sub.getCommandName())) {
                visible.put(word, sub);
            }
        });
        return visible;
    }

    private static String description(CommandLine command) {
        String[] description = command.getCommandSpec().usageMessage().description();
        return description.length == 0 ? "" : description[0];
    }

    private static String complete(String name, String condition, String what, String description) {
        return "complete -c " + name + " -n '" + condition + "' " + what
                + (description.isEmpty() ? "" : " -d '" + description.replace("\\", "\\\\").replace("'", "\\'") + "'")
                + "\n";
    }
}
