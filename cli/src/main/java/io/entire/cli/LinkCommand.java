package io.entire.cli;

import io.entire.core.id.CheckpointId;
import io.entire.core.workspace.Workspace;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/** {@code entire link <commit> <checkpoint-id>}: puts a lost {@code Entire-Checkpoint} trailer back by hand. */
final class LinkCommand implements CliCommand {
    private final CliContext context;

    LinkCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpecs.command(this, "link", "Link a commit (HEAD) to a stored checkpoint by adding its trailer.")
                .addPositional(positional("0", "<commit>", "the commit to link; only HEAD can be reworded"))
                .addPositional(positional("1", "<checkpoint-id>", "the checkpoint the commit should link to"));
    }

    @Override
    public int run(ParseResult parsed) {
        String commit = parsed.matchedPositionalValue(0, "HEAD");
        CheckpointId id = CheckpointId.of(parsed.matchedPositionalValue(1, ""));
        try (Workspace workspace = context.openWorkspace()) {
            switch (workspace.manualLink().link(commit, id)) {
                case LINKED -> context.out().println("Linked: " + commit + " now carries Entire-Checkpoint: " + id);
                case ALREADY_LINKED -> context.out().println(commit + " already links checkpoint " + id
                        + "; nothing changed");
            }
        }
        return ExitCode.OK;
    }

    private static PositionalParamSpec positional(String index, String label, String description) {
        return PositionalParamSpec.builder().index(index).type(String.class).arity("1").required(true)
                .paramLabel(label).description(description).build();
    }
}
