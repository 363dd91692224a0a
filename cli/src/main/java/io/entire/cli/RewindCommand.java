package io.entire.cli;

import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonValue;
import io.entire.core.model.Timestamps;
import io.entire.core.recover.FileChange;
import io.entire.core.recover.RewindMode;
import io.entire.core.recover.RewindPlan;
import io.entire.core.recover.RewindPoint;
import io.entire.core.recover.RewindResult;
import io.entire.core.recover.Rewinder;
import io.entire.core.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/** {@code entire rewind}: lists the points a work tree can go back to, and goes back to one. */
final class RewindCommand implements CliCommand {
    private static final String LIST = "--list";
    private static final String TO = "--to";
    private static final String LOGS_ONLY = "--logs-only";
    private static final String RESET = "--reset";
    private static final String YES = "--yes";
    private static final String JSON = "--json";

    private final CliContext context;

    RewindCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpecs.command(this, "rewind", "Go back to a step of a session or to a committed checkpoint.")
                .addOption(CommandSpecs.flag("list the points, newest first (the default without --to)", LIST))
                .addOption(CommandSpecs.option("<point>", "the step or checkpoint id to go back to", TO).build())
                .addArgGroup(CommandSpecs.oneOf(
                        CommandSpecs.flag("restore the session transcripts only, no files", LOGS_ONLY),
                        CommandSpecs.flag("also move the branch to a committed point's commit", RESET)))
                .addOption(CommandSpecs.flag("do not ask for confirmation (for scripts)", "-y", YES))
                .addOption(CommandSpecs.flag("print JSON", JSON));
    }

    @Override
    public int run(ParseResult parsed) {
        boolean json = parsed.hasMatchedOption(JSON);
        try (Workspace workspace = context.openWorkspace()) {
            Rewinder rewinder = workspace.rewinder();
            if (!parsed.hasMatchedOption(TO)) {
                return list(rewinder.points(), json);
            }
            RewindMode mode = parsed.hasMatchedOption(RESET) ? RewindMode.RESET
                    : parsed.hasMatchedOption(LOGS_ONLY) ? RewindMode.LOGS_ONLY : RewindMode.RESTORE;
            RewindPlan plan = rewinder.plan(parsed.matchedOptionValue(TO, ""), mode);
            if (!json) {
                preview(plan);
            }
            if (!plan.isEmpty() && !parsed.hasMatchedOption(YES)) {
                if (!context.terminal().interactive()) {
                    context.err().println("entire: no terminal to confirm on, so nothing changed; rerun with --yes"
                            + " to rewind without asking");
                    return ExitCode.USAGE;
                }
                if (!context.terminal().confirm("Rewind?", false).orElse(false)) {
                    context.err().println("Nothing changed.");
                    return ExitCode.OK;
                }
            }
            RewindResult result = rewinder.apply(plan);
            result.warnings().forEach(warning -> context.error("warning: " + warning));
            if (json) {
                JsonOut.print(context.out(), RecoverJson.result(result));
            } else {
                render(result);
            }
        }
        return ExitCode.OK;
    }

    private int list(List<RewindPoint> points, boolean json) {
        if (json) {
            List<JsonValue> elements = new ArrayList<>(points.size());
            for (RewindPoint point : points) {
                elements.add(new JsonOut().put("id", point.id()).put("kind", point.kind().value())
                        .put("commit", point.commit().hex())
                        .put("session_id", point.session().map(Object::toString))
                        .put("checkpoint_id", point.checkpoint().map(Object::toString))
                        .put("created_at", point.createdAt().map(Timestamps::format))
                        .put("label", point.label()).build());
            }
            JsonOut.print(context.out(), new JsonArray(elements));
            return ExitCode.OK;
        }
        if (points.isEmpty()) {
            context.err().println("No points to rewind to: no session steps on this commit, and no commit in its"
                    + " history links a checkpoint.");
            return ExitCode.OK;
        }
        for (RewindPoint point : points) {
            StringBuilder line = new StringBuilder(120);
            Format.padded(line, point.kind().value(), 8);
            Format.padded(line, point.id(), 28);
            Format.padded(line, context.times().minute(point.createdAt()), 19);
            line.append(point.kind() != RewindPoint.Kind.COMMIT
                    ? "session " + point.session().map(Object::toString).orElse("?")
                    : "commit " + point.commit().abbreviated());
            line.append("  ").append(Format.oneLine(point.label(), 60));
            context.out().println(line.toString().stripTrailing());
        }
        return ExitCode.OK;
    }

    private void preview(RewindPlan plan) {
        RewindPoint point = plan.point();
        if (plan.isEmpty()) {
            context.out().println("The work tree is already as " + describe(point) + " left it; nothing to change.");
            return;
        }
        context.out().println("Rewinding to " + describe(point) + ":");
        for (FileChange change : plan.files()) {
            context.out().println("  " + verb(change.action()) + " " + change.path());
        }
        plan.stepTranscript().ifPresent(transcript -> context.out().println("  transcript of session "
                + transcript.session() + " as it was at the step: " + transcript.file()));
        plan.storedSessions().forEach(session -> context.out().println("  transcript of session "
                + session.metadata().sessionId() + " as the checkpoint stored it"));
        plan.resetTo().ifPresent(commit -> context.out().println("  move the branch from "
                + plan.head().abbreviated() + " to " + commit.abbreviated() + " (git reset --keep)"));
        plan.warnings().forEach(warning -> context.out().println("  (" + warning + ")"));
    }

    private void render(RewindResult result) {
        context.out().println("Rewound to " + describe(result.point()) + ".");
        RecoverText.transcripts(context.out(), result.transcripts());
        result.resetFrom().ifPresent(previous -> context.out().println("To undo the reset: git reset --keep "
                + previous.hex()));
    }

    private static String describe(RewindPoint point) {
        String kind = switch (point.kind()) {
            case STEP -> "step ";
            case TASK -> "task ";
            case COMMIT -> "checkpoint ";
        };
        return kind + point.id() + " ("
                + Format.oneLine(point.label(), 60) + ")";
    }

    private static String verb(FileChange.Action action) {
        return switch (action) {
            case CREATE -> "create ";
            case MODIFY -> "restore";
            case DELETE -> "delete ";
        };
    }
}
