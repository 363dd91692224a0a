package io.entire.cli;

import io.entire.core.doctor.LiveSession;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/** {@code entire session info <id>}: everything recorded about one session (an id prefix will do). */
final class SessionInfoCommand implements CliCommand {
    private final CliContext context;

    SessionInfoCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpecs.command(this, "info", "Show one session: state, steps, files, shadow branch.")
                .addPositional(CommandSpecs.parameter("<session-id>", "the session id, or enough of its start"))
                .addOption(CommandSpecs.flag("print one JSON object", SessionListCommand.JSON));
    }

    @Override
    public int run(ParseResult parsed) {
        LiveSession session = SessionListCommand.open(context).find(parsed.matchedPositionalValue(0, ""));
        if (parsed.hasMatchedOption(SessionListCommand.JSON)) {
            JsonOut.print(context.out(), SessionRendering.json(session));
        } else {
            SessionRendering.details(context.out(), session, context.times());
        }
        return ExitCode.OK;
    }
}
