package io.entire.cli;

import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * {@code entire completion bash|zsh|fish}: a script that completes entire's commands, options and checkpoint ids.
 * picocli writes the bash script, which zsh also loads (through its bashcompinit); the fish one is written here.
 */
final class CompletionCommand implements CliCommand {
    /** Stands for the checkpoint ids in picocli's script, until they become a call of {@link CheckpointIdsCommand}. */
    static final String CHECKPOINT_IDS = "__entire_checkpoint_ids__";
    private static final List<String> SHELLS = List.of("bash", "zsh", "fish");

    private final CliContext context;

    CompletionCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CommandSpecs.command(this, "completion",
                "Print the script that completes entire's commands, options and checkpoint ids in a shell.");
        spec.addPositional(PositionalParamSpec.builder().type(String.class).arity("1").required(true)
                .paramLabel("<shell>").completionCandidates(SHELLS).description("bash, zsh or fish").build());
        return spec;
    }

    @Override
    public int run(ParseResult parsed) {
        String shell = parsed.matchedPositionalValue(0, "");
        CommandLine root = parsed.commandSpec().root().commandLine();
        String script = switch (shell) {
            case "bash", "zsh" -> AutoComplete.bash("entire", root).replace("(\"" + CHECKPOINT_IDS + "\")",
                    "($(entire " + CheckpointIdsCommand.NAME + " 2>/dev/null))");
            case "fish" -> FishCompletion.script(root);
            default -> throw new ParameterException(parsed.commandSpec().commandLine(),
                    "no completion for '" + shell + "': give bash, zsh or fish");
        };
        context.out().print(script);
        context.out().flush();
        return ExitCode.OK;
    }
}
