package io.entire.cli;

import io.entire.core.doctor.LiveSession;
import io.entire.core.json.JsonNull;
import io.entire.core.json.JsonValue;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/** {@code entire session current}: the live session of this worktree a hook heard from last. */
final class SessionCurrentCommand implements CliCommand {
    private final CliContext context;

    SessionCurrentCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpecs.command(this, "current", "Show the live session of this worktree heard from last.")
                .addOption(CommandSpecs.flag("print one JSON object (null when there is none)",
                        SessionListCommand.JSON));
    }

    @Override
    public int run(ParseResult parsed) {
        Optional<LiveSession> session = SessionListCommand.open(context).current();
        if (parsed.hasMatchedOption(SessionListCommand.JSON)) {
            JsonOut.print(context.out(), session.<JsonValue>map(SessionRendering::json).orElse(JsonNull.INSTANCE));
            return session.isPresent() ? ExitCode.OK : ExitCode.FAILED;
        }
        if (session.isEmpty()) {
            context.err().println("entire: no live session in this worktree");
            return ExitCode.FAILED;
        }
        SessionRendering.details(context.out(), session.get(), context.times());
        return ExitCode.OK;
    }
}
