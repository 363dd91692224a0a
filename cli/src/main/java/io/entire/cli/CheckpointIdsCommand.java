package io.entire.cli;

import io.entire.core.EntireException;
import io.entire.core.id.CheckpointId;
import io.entire.core.workspace.Workspace;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * The hidden command the completion scripts call: every stored checkpoint id, one a line. Outside a repository, or
 * when the stores cannot be read, it prints nothing: a completion never shows an error.
 */
final class CheckpointIdsCommand implements CliCommand {
    static final String NAME = "__checkpoint-ids";

    private final CliContext context;

    CheckpointIdsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public CommandSpec spec() {
        CommandSpec spec = CommandSpecs.command(this, NAME, "Print every stored checkpoint id (for completion).");
        spec.usageMessage().hidden(true);
        return spec;
    }

    @Override
    public int run(ParseResult parsed) {
        List<CheckpointId> ids;
        try (Workspace workspace = context.openWorkspace()) {
            ids = workspace.stores().ids();
        } catch (EntireException e) {
            return ExitCode.OK;
        }
        ids.forEach(id -> context.out().println(id.value()));
        context.out().flush();
        return ExitCode.OK;
    }
}
