package io.entire.cli;

import io.entire.core.doctor.LiveSession;
import io.entire.core.doctor.LiveSessions;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonValue;
import io.entire.core.workspace.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/** {@code entire session list}: every session whose work may still go into a commit, by worktree. */
final class SessionListCommand implements CliCommand {
    static final String JSON = "--json";

    private final CliContext context;

    SessionListCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpecs.command(this, "list", "List the live sessions of every worktree, stale ones marked.")
                .addOption(CommandSpecs.flag("print one JSON array", JSON));
    }

    @Override
    public int run(ParseResult parsed) {
        List<LiveSession> sessions = open(context).list();
        if (parsed.hasMatchedOption(JSON)) {
            List<JsonValue> elements = new ArrayList<>();
            sessions.forEach(session -> elements.add(SessionRendering.json(session)));
            JsonOut.print(context.out(), new JsonArray(elements));
            return ExitCode.OK;
        }
        if (sessions.isEmpty()) {
            context.out().println("No live sessions.");
            return ExitCode.OK;
        }
        Map<Path, List<LiveSession>> byWorktree = new LinkedHashMap<>();
        sessions.forEach(session -> byWorktree.computeIfAbsent(session.state().worktree(), path -> new ArrayList<>())
                .add(session));
        byWorktree.forEach((worktree, inWorktree) -> {
            context.out().println(worktree + ":");
            inWorktree.forEach(session -> context.out().println("  "
                    + SessionRendering.line(session, context.times())));
        });
        return ExitCode.OK;
    }

    static LiveSessions open(CliContext context) {
        try (Workspace workspace = context.openWorkspace()) {
            return workspace.liveSessions();
        }
    }
}
