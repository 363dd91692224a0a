package io.entire.cli;

import io.entire.core.doctor.LiveSession;
import io.entire.core.doctor.LiveSessions;
import io.entire.core.doctor.SessionNotFoundException;
import io.entire.core.doctor.StopOutcome;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * {@code entire session stop [<id> | --all]}: marks sessions ended without condensing them, so that they link no more
 * commits (a stop that never came leaves a session active, and it would link every commit made without a terminal).
 */
final class SessionStopCommand implements CliCommand {
    private static final String ALL = "--all";

    private final CliContext context;

    SessionStopCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpecs.command(this, "stop", "Mark a session ended, without condensing it: it links no more"
                        + " commits. Without an id, the current session of this worktree.")
                .addPositional(CommandSpecs.optionalParameter("<session-id>", "the session id, or enough of its start"))
                .addOption(CommandSpecs.flag("stop every live session of the repository", ALL))
                .addOption(CommandSpecs.flag("print one JSON array of the sessions and what happened to each",
                        SessionListCommand.JSON));
    }

    @Override
    public int run(ParseResult parsed) {
        LiveSessions sessions = SessionListCommand.open(context);
        boolean all = parsed.hasMatchedOption(ALL);
        String id = parsed.matchedPositionalValue(0, "");
        if (all && !id.isEmpty()) {
            throw new ParameterException(parsed.commandSpec().commandLine(),
                    "give a session id or --all, not both");
        }
        List<LiveSession> targets = all ? sessions.list() : !id.isEmpty() ? List.of(sessions.find(id))
                : List.of(sessions.current().orElseThrow(() -> new SessionNotFoundException("",
                        "no live session in this worktree; name one: entire session stop <session-id>")));
        List<JsonValue> results = new ArrayList<>();
        for (LiveSession target : targets) {
            StopOutcome outcome = sessions.stop(target.state().sessionId());
            results.add(new JsonOut().put("session_id", target.state().sessionId().value())
                    .put("outcome", outcome.name().toLowerCase(Locale.ROOT)).build());
            if (!parsed.hasMatchedOption(SessionListCommand.JSON)) {
                context.out().println(target.state().sessionId() + ": " + describe(outcome, target));
            }
        }
        if (parsed.hasMatchedOption(SessionListCommand.JSON)) {
            JsonOut.print(context.out(), new JsonArray(results));
        } else if (targets.isEmpty()) {
            context.out().println("No live sessions.");
        }
        return ExitCode.OK;
    }

    private static String describe(StopOutcome outcome, LiveSession target) {
        return switch (outcome) {
            case STOPPED -> "stopped; it links no more commits" + target.shadowBranch()
                    .map(branch -> " (its snapshots stay on " + branch.shortName() + " until 'entire clean')")
                    .orElse("");
            case ALREADY_DONE -> "already ended";
            case GONE -> "its state went meanwhile";
        };
    }
}
