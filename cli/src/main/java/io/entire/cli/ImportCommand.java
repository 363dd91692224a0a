package io.entire.cli;

import io.entire.core.agent.Agent;
import io.entire.core.agent.Agents;
import io.entire.core.capture.ImportMode;
import io.entire.core.capture.ImportRequest;
import io.entire.core.capture.ImportResult;
import io.entire.core.capture.ImportedCheckpoint;
import io.entire.core.capture.PastSessionMatch;
import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonBoolean;
import io.entire.core.json.JsonValue;
import io.entire.core.model.Since;
import io.entire.core.workspace.Workspace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code entire import}: stores the agent sessions recorded here before Entire was enabled as checkpoints of the
 * commits they produced, without rewriting a commit unless {@code --link} asks (and then only unpushed ones).
 */
final class ImportCommand implements CliCommand {
    private static final String AGENT = "--agent";
    private static final String SINCE = "--since";
    private static final String DRY_RUN = "--dry-run";
    private static final String LINK = "--link";
    private static final String JSON = "--json";

    private final CliContext context;

    ImportCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpecs.command(this, "import", "Import the agent sessions recorded in this repository before"
                        + " Entire was enabled, as checkpoints of the commits made while they ran.")
                .addOption(CommandSpecs.option("<agent>", "only this agent's sessions (default: every built-in"
                        + " agent, Claude Code first)", "-a", AGENT).build())
                .addOption(CommandSpecs.option("<date>", "only sessions active since: 2026-02-06,"
                        + " 2026-02-06T05:12:00Z, or an age (12h, 7d, 2w)", SINCE).build())
                .addOption(CommandSpecs.flag("print what would be imported; write nothing", DRY_RUN))
                .addOption(CommandSpecs.flag("also add Entire-Checkpoint trailers to the matched commits not yet"
                        + " pushed to any remote (rewrites them; pushed commits are left alone)", LINK))
                .addOption(CommandSpecs.flag("print one JSON object", JSON));
    }

    @Override
    public int run(ParseResult parsed) {
        List<Agent> agents = Optional.ofNullable(parsed.<String>matchedOptionValue(AGENT, null))
                .map(slug -> List.of(Agents.bySlug(slug, context.environment())))
                .orElseGet(() -> Agents.slugs().stream().map(Agents::bySlug).toList());
        Optional<Instant> since = Optional.ofNullable(parsed.<String>matchedOptionValue(SINCE, null))
                .map(text -> Since.parse(text, context.environment().clock().instant()));
        boolean dryRun = parsed.hasMatchedOption(DRY_RUN);
        ImportMode mode = dryRun ? ImportMode.DRY_RUN
                : parsed.hasMatchedOption(LINK) ? ImportMode.RECORD_AND_LINK : ImportMode.RECORD;
        ImportResult result;
        ProgressLine progress = ProgressLine.forCommand(context, dryRun ? "matching sessions" : "importing sessions");
        try (Workspace workspace = context.openWorkspace()) {
            result = workspace.historyImporter().run(new ImportRequest(agents, since), mode, progress);
        } finally {
            progress.finish();
        }
        result.warnings().forEach(warning -> context.error("warning: " + warning.text()));
        if (parsed.hasMatchedOption(JSON)) {
            JsonOut.print(context.out(), json(result, dryRun));
        } else {
            render(result, dryRun, mode);
        }
        return ExitCode.OK;
    }

    private void render(ImportResult result, boolean dryRun, ImportMode mode) {
        for (PastSessionMatch session : result.sessions()) {
            context.out().println(session.agent().slug() + "  " + session.sessionId() + "  "
                    + context.times().minute(session.start()) + " .. " + context.times().minute(session.end())
                    + "  " + outcome(session));
        }
        int sessions = result.matched().size();
        if (dryRun) {
            long commits = result.matched().stream().flatMap(session -> session.commits().stream()).distinct().count();
            context.out().println(sessions == 0 ? "Nothing to import."
                    : "Would import " + sessions + " session(s) for " + commits + " commit(s); run 'entire import'"
                    + " to import them.");
            return;
        }
        if (result.checkpoints().isEmpty()) {
            context.out().println("Nothing to import.");
        } else {
            context.out().println("Imported " + sessions + " session(s) into " + result.checkpoints().size()
                    + " checkpoint(s), each recording its commit: 'entire explain <commit>' shows it.");
        }
        if (mode == ImportMode.RECORD_AND_LINK) {
            if (!result.trailersAdded().isEmpty()) {
                context.out().println("Added Entire-Checkpoint trailers to " + result.trailersAdded().size()
                        + " unpushed commit(s); the commits after them were rewritten too.");
            }
            if (!result.pushedLeftAlone().isEmpty()) {
                context.out().println("Left " + result.pushedLeftAlone().size() + " pushed commit(s) unchanged ("
                        + String.join(", ", result.pushedLeftAlone().stream().map(ObjectId::abbreviated).toList())
                        + "): their checkpoints record them.");
            }
        } else if (!result.checkpoints().isEmpty()) {
            context.out().println("No commit was rewritten; 'entire import --link' adds trailers to the unpushed"
                    + " ones.");
        }
    }

    private static String outcome(PastSessionMatch session) {
        return switch (session.status()) {
            case MATCHED -> "-> " + String.join(", ", session.commits().stream().map(ObjectId::abbreviated).toList());
            case UNMATCHED -> "no unlinked commit changed its files while it ran";
            case ALREADY_STORED -> "already in checkpoint " + session.storedIn().map(CheckpointId::value).orElse("");
            case UNDATED -> "its transcript records no times";
        };
    }

    private static JsonValue json(ImportResult result, boolean dryRun) {
        List<JsonValue> sessions = new ArrayList<>();
        for (PastSessionMatch session : result.sessions()) {
            sessions.add(new JsonOut().putAgent(session.agent()).put("session_id", session.sessionId().value())
                    .put("transcript", session.transcript().toString())
                    .put("start", session.start().map(Instant::toString))
                    .put("end", session.end().map(Instant::toString))
                    .put("status", session.status().name().toLowerCase(Locale.ROOT))
                    .putStrings("commits", session.commits().stream().map(ObjectId::hex).toList())
                    .put("checkpoint_id", session.storedIn().map(CheckpointId::value)).build());
        }
        List<JsonValue> checkpoints = new ArrayList<>();
        for (ImportedCheckpoint checkpoint : result.checkpoints()) {
            checkpoints.add(new JsonOut().put("checkpoint_id", checkpoint.checkpointId().value())
                    .put("commit", checkpoint.commit().hex())
                    .putStrings("session_ids", checkpoint.sessions().stream().map(SessionId::value).toList()).build());
        }
        return new JsonOut().put("dry_run", new JsonBoolean(dryRun)).put("sessions", new JsonArray(sessions))
                .put("checkpoints", new JsonArray(checkpoints))
                .putStrings("trailers_added", result.trailersAdded().stream().map(ObjectId::hex).toList())
                .putStrings("pushed_left_alone", result.pushedLeftAlone().stream().map(ObjectId::hex).toList())
                .build();
    }
}
