package io.entire.cli;

import io.entire.core.recover.Overwrite;
import io.entire.core.recover.ResumeResult;
import io.entire.core.workspace.Workspace;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/** {@code entire resume}: puts the sessions behind a branch, commit or checkpoint back where the agent resumes them. */
final class ResumeCommand implements CliCommand {
    private static final String FORCE = "--force";
    private static final String JSON = "--json";

    private final CliContext context;

    ResumeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpecs.command(this, "resume",
                        "Restore the agent sessions of a branch, commit or checkpoint so the agent continues them.")
                .addPositional(CommandSpecs.parameter("<branch | commit | checkpoint id>",
                        "a branch switches to it first; its newest linked checkpoint is resumed"))
                .addOption(CommandSpecs.flag("replace a newer local transcript (it is kept in a backup)", "-f", FORCE))
                .addOption(CommandSpecs.flag("print JSON", JSON));
    }

    @Override
    public int run(ParseResult parsed) {
        ResumeResult result;
        try (Workspace workspace = context.openWorkspace()) {
            result = workspace.resumer().resume(parsed.matchedPositionalValue(0, ""),
                    parsed.hasMatchedOption(FORCE) ? Overwrite.REPLACE : Overwrite.KEEP_NEWER);
        }
        if (parsed.hasMatchedOption(JSON)) {
            JsonOut.print(context.out(), RecoverJson.result(result));
            return ExitCode.OK;
        }
        result.switchedTo().ifPresent(branch -> context.err().println("Switched to branch " + branch + "."));
        context.out().println("Resuming checkpoint " + String.join(", ", result.checkpoints().stream()
                .map(Object::toString).toList()) + result.commit().map(commit -> " (commit " + commit.abbreviated()
                + ")").orElse("") + ":");
        if (result.sessions().isEmpty()) {
            context.out().println("  it stores no transcript to resume");
        }
        RecoverText.transcripts(context.out(), result.sessions());
        return ExitCode.OK;
    }
}
