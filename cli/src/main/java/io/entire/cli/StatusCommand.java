package io.entire.cli;

import io.entire.core.git.RefName;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonBoolean;
import io.entire.core.json.JsonValue;
import io.entire.core.model.Timestamps;
import io.entire.core.query.RepositoryStatus;
import io.entire.core.query.SessionSummary;
import io.entire.core.session.SessionPhase;
import io.entire.core.workspace.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/** {@code entire status}: is capture on, where do checkpoints go, which sessions are live, what waits for a push. */
final class StatusCommand implements CliCommand {
    private static final String JSON = "--json";

    private final CliContext context;

    StatusCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpecs.command(this, "status",
                        "Show whether Entire records here, the live sessions per worktree and what waits to be pushed.")
                .addOption(CommandSpecs.flag("print one JSON object", JSON))
                .addOption(CommandSpecs.flag("accepted for the Go tool's scripts; the output is always detailed",
                        "--detailed"));
    }

    @Override
    public int run(ParseResult parsed) {
        RepositoryStatus status;
        try (Workspace workspace = context.openWorkspace()) {
            status = workspace.status().read();
        }
        for (String unknown : status.unknownSettings()) {
            int separator = unknown.indexOf(": ");
            context.error("warning: " + unknown.substring(0, separator) + ": unknown key '"
                    + unknown.substring(separator + 2) + "' is ignored");
        }
        for (String unreadable : status.unreadableAgentSettings()) {
            context.error("warning: " + unreadable);
        }
        for (String unreadable : status.unreadableSessions()) {
            context.error("warning: " + unreadable);
        }
        if (parsed.hasMatchedOption(JSON)) {
            renderJson(status);
        } else {
            renderText(status);
        }
        return ExitCode.OK;
    }

    private void renderText(RepositoryStatus status) {
        if (!status.setUp()) {
            context.out().println("Entire: not set up in this repository: run 'entire enable'");
            return;
        }
        context.out().println("Entire: " + (status.enabled() ? "enabled" : "disabled")
                + (status.hooksInstalled() ? "" : " (hooks not installed: " + status.hookManagerConfiguration()
                        .map(file -> "add the lines 'entire enable' prints to " + file)
                        .orElse("run 'entire enable'") + ")"));
        context.out().println("Store:  " + storeName(status));
        Map<Path, List<SessionSummary>> byWorktree = new LinkedHashMap<>();
        status.sessions().forEach(session -> byWorktree.computeIfAbsent(session.worktree(), path -> new ArrayList<>())
                .add(session));
        if (byWorktree.isEmpty()) {
            context.out().println("Sessions: none active");
        }
        for (Map.Entry<Path, List<SessionSummary>> worktree : byWorktree.entrySet()) {
            context.out().println("Sessions in " + worktree.getKey() + ":");
            for (SessionSummary session : worktree.getValue()) {
                String phase = session.phase() == SessionPhase.ENDED ? "ended, work not committed yet"
                        : session.phase().value();
                context.out().println("  " + session.agent().displayName() + " " + session.sessionId() + " ("
                        + phase + ", started " + context.times().ago(session.startedAt()) + ")");
                if (!session.firstPrompt().isBlank()) {
                    context.out().println("    first prompt: " + Format.oneLine(session.firstPrompt(), 70));
                }
                context.out().println("    steps: " + session.steps() + ", files: "
                        + (session.files().isEmpty() ? "none" : String.join(", ", session.files())));
            }
        }
        context.out().println("Queued to push: " + (status.queuedRefs().isEmpty() ? "nothing"
                : status.queuedRefs().size() + " checkpoint ref(s)"));
    }

    private void renderJson(RepositoryStatus status) {
        List<JsonValue> sessions = new ArrayList<>();
        for (SessionSummary session : status.sessions()) {
            sessions.add(new JsonOut().put("session_id", session.sessionId().value())
                    .putAgent(session.agent())
                    .put("phase", session.phase().value())
                    .put("worktree", session.worktree().toString())
                    .put("started_at", Timestamps.format(session.startedAt()))
                    .put("updated_at", Timestamps.format(session.updatedAt()))
                    .put("first_prompt", session.firstPrompt())
                    .put("steps", session.steps())
                    .putStrings("files", session.files()).build());
        }
        JsonOut.print(context.out(), new JsonOut().put("set_up", new JsonBoolean(status.setUp()))
                .put("enabled", new JsonBoolean(status.enabled()))
                .put("hooks_installed", new JsonBoolean(status.hooksInstalled()))
                .put("store", storeName(status))
                .put("sessions", new JsonArray(sessions))
                .putStrings("queued_refs", status.queuedRefs().stream().map(RefName::name).toList()).build());
    }

    private static String storeName(RepositoryStatus status) {
        return switch (status.storeMode()) {
            case BRANCH -> "branch (entire/checkpoints/v1)";
            case REFS_WITH_BRANCH_MIRROR -> "refs (refs/entire/checkpoints/, mirrored to entire/checkpoints/v1)";
            case REFS -> "refs (refs/entire/checkpoints/)";
        };
    }
}
