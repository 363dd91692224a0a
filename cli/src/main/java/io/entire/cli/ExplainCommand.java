package io.entire.cli;

import io.entire.core.Warning;
import io.entire.core.attribution.CommitAttribution;
import io.entire.core.attribution.FileLineCounts;
import io.entire.core.attribution.LineAttributor;
import io.entire.core.id.CheckpointId;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonNull;
import io.entire.core.json.JsonValue;
import io.entire.core.model.Timestamps;
import io.entire.core.query.Explainer;
import io.entire.core.query.Explanation;
import io.entire.core.query.Explanations;
import io.entire.core.query.GeneratedSummary;
import io.entire.core.query.LinkedCommit;
import io.entire.core.query.SessionExplanation;
import io.entire.core.workspace.Workspace;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** {@code entire explain}: why code changed, from the checkpoint behind a commit. */
final class ExplainCommand implements CliCommand {
    private static final String JSON = "--json";
    private static final String RAW_TRANSCRIPT = "--raw-transcript";
    private static final String COMMIT = "--commit";
    private static final String CHECKPOINT = "--checkpoint";
    private static final String SHORT = "--short";
    private static final String FULL = "--full";

    private final CliContext context;
    private final OutputStream rawOut;

    ExplainCommand(CliContext context, OutputStream rawOut) {
        this.context = context;
        this.rawOut = rawOut;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpecs.command(this, "explain",
                        "Show the checkpoint behind a commit: sessions, prompts, tokens, files, linked commits.")
                .addPositional(PositionalParamSpec.builder().type(String.class).arity("0..1").paramLabel("<target>")
                        .completionCandidates(CommandSpecs.checkpointIds())
                        .description("checkpoint id, unique id prefix, or commit (default: HEAD)").build())
                .addOption(CommandSpecs.flag("print one JSON object", JSON))
                .addOption(CommandSpecs.flag("print the stored raw transcript(s) instead of a summary",
                        RAW_TRANSCRIPT))
                .addArgGroup(CommandSpecs.oneOf(
                        CommandSpecs.option("<commit>", "the commit to explain (as the Go tool spells it)", "-c",
                                COMMIT).build(),
                        CommandSpecs.option("<id>", "the checkpoint id or prefix to explain (as the Go tool spells"
                                + " it)", CHECKPOINT).completionCandidates(CommandSpecs.checkpointIds()).build()))
                .addArgGroup(CommandSpecs.oneOf(
                        CommandSpecs.flag("one screen: the summary's intent and outcome, a line per session and"
                                + " commit", SHORT),
                        CommandSpecs.flag("the conversation, turn by turn: prompts, replies, tool calls and their"
                                + " files", FULL)));
    }

    @Override
    public int run(ParseResult parsed) {
        String target = target(parsed);
        rejectCombinations(parsed);
        try (Workspace workspace = context.openWorkspace()) {
            Explainer explainer = workspace.explainer();
            if (parsed.hasMatchedOption(RAW_TRANSCRIPT)) {
                context.out().flush();
                List<Warning> missing = explainer.copyRawTranscripts(target, rawOut);
                missing.forEach(warning -> context.error(warning.text()));
                return missing.isEmpty() ? ExitCode.OK : ExitCode.FAILED;
            }
            Explanations explanations = explainer.explainAll(target);
            Map<CheckpointId, List<CommitAttribution>> attributions = new HashMap<>();
            if (!parsed.hasMatchedOption(SHORT)) {
                LineAttributor attributor = workspace.lineAttributor();
                for (Explanation explanation : explanations.found()) {
                    attributions.put(explanation.checkpointId(), attributor.summarize(explanation.checkpointId(),
                            explanation.commits().stream().map(LinkedCommit::id).toList()));
                }
            }
            if (parsed.hasMatchedOption(JSON)) {
                JsonOut.print(context.out(), toJson(explanations, attributions));
            } else {
                context.pager().start();
                for (int i = 0; i < explanations.found().size(); i++) {
                    if (i > 0) {
                        context.out().println();
                    }
                    printText(parsed, explainer, explanations.found().get(i), attributions);
                }
            }
            for (CheckpointId missing : explanations.missing()) {
                context.err().println("entire: checkpoint " + missing + " is linked but not in the local checkpoint"
                        + " store; fetch it with: git fetch origin entire/checkpoints/v1:entire/checkpoints/v1");
            }
            return explanations.missing().isEmpty() ? ExitCode.OK : ExitCode.FAILED;
        }
    }

    private void printText(ParseResult parsed, Explainer explainer, Explanation explanation,
            Map<CheckpointId, List<CommitAttribution>> attributions) {
        ExplainText text = new ExplainText(context);
        if (parsed.hasMatchedOption(SHORT)) {
            text.printShort(explanation);
            return;
        }
        text.print(explanation);
        printAttribution(context.out(), attributions.get(explanation.checkpointId()));
        if (parsed.hasMatchedOption(FULL)) {
            text.printConversations(explainer.conversations(explanation.checkpointId()));
        }
    }

    /** The output forms ({@code --json}, {@code --raw-transcript}, {@code --short}, {@code --full}) go alone. */
    private static void rejectCombinations(ParseResult parsed) {
        List<String> forms = List.of(JSON, RAW_TRANSCRIPT, SHORT, FULL).stream().filter(parsed::hasMatchedOption)
                .toList();
        if (forms.size() > 1) {
            throw new ParameterException(parsed.commandSpec().commandLine(), String.join(" and ", forms)
                    + " print different forms of the explanation; give one of them");
        }
    }

    /** The positional target, or the Go tool's {@code --commit} or {@code --checkpoint}; HEAD when none is given. */
    private static String target(ParseResult parsed) {
        Optional<String> named = Optional.<String>ofNullable(parsed.matchedOptionValue(COMMIT, null))
                .or(() -> Optional.ofNullable(parsed.matchedOptionValue(CHECKPOINT, null)));
        if (named.isPresent() && parsed.hasMatchedPositional(0)) {
            throw new ParameterException(parsed.commandSpec().commandLine(),
                    "give the target once: as <target>, --commit or --checkpoint");
        }
        return named.orElseGet(() -> parsed.matchedPositionalValue(0, "HEAD"));
    }

    /**
     * The first checkpoint as one object, as for a commit that links one; the others a commit links, each an object
     * of the same form, in {@code other_explanations}, and the ids no store holds in {@code missing_checkpoints}.
     */
    private static JsonValue toJson(Explanations explanations,
            Map<CheckpointId, List<CommitAttribution>> attributions) {
        List<JsonValue> others = new ArrayList<>();
        for (Explanation other : explanations.found().subList(1, explanations.found().size())) {
            others.add(toJson(other).put("attribution", toJson(attributions.get(other.checkpointId()))).build());
        }
        Explanation first = explanations.found().get(0);
        return toJson(first).put("attribution", toJson(attributions.get(first.checkpointId())))
                .put("other_explanations", new JsonArray(others))
                .putStrings("missing_checkpoints", explanations.missing().stream().map(Object::toString).toList())
                .build();
    }

    private static JsonOut toJson(Explanation explanation) {
        List<JsonValue> sessions = new ArrayList<>();
        for (SessionExplanation session : explanation.sessions()) {
            sessions.add(new JsonOut().put("slot", session.slot())
                    .put("session_id", session.sessionId().value())
                    .put("agent", JsonOut.agentSlug(session.agent()))
                    .put("agent_name", session.agent())
                    .put("model", session.model())
                    .put("created_at", Timestamps.format(session.createdAt()))
                    .putStrings("prompts", session.prompts())
                    .put("token_usage", JsonOut.tokens(session.tokenUsage()))
                    .putStrings("files_touched", session.filesTouched())
                    .put("content_hash", session.hashCheck().name().toLowerCase(java.util.Locale.ROOT))
                    .put("summary", session.summary().<JsonValue>map(ExplainCommand::toJson).orElse(JsonNull.INSTANCE))
                    .build());
        }
        List<JsonValue> commits = new ArrayList<>();
        for (LinkedCommit commit : explanation.commits()) {
            commits.add(new JsonOut().put("commit", commit.id().hex()).put("subject", commit.subject()).build());
        }
        return new JsonOut().put("checkpoint_id", explanation.checkpointId().value())
                .put("store", explanation.store().name().toLowerCase(java.util.Locale.ROOT))
                .put("created_at", explanation.createdAt().map(Timestamps::format))
                .put("branch", explanation.branch())
                .putStrings("files_touched", explanation.filesTouched())
                .put("token_usage", JsonOut.tokens(explanation.tokenUsage()))
                .put("sessions", new JsonArray(sessions))
                .put("commits", new JsonArray(commits))
                .putStrings("other_checkpoints", explanation.otherCheckpoints().stream().map(Object::toString)
                        .toList());
    }

    private static JsonValue toJson(GeneratedSummary summary) {
        List<JsonValue> code = new ArrayList<>();
        for (GeneratedSummary.CodeLearning learning : summary.codeLearnings()) {
            code.add(new JsonOut().put("path", learning.path()).put("line", learning.line())
                    .put("end_line", learning.endLine()).put("finding", learning.finding()).build());
        }
        JsonValue learnings = new JsonOut().putStrings("repo", summary.repositoryLearnings())
                .put("code", new JsonArray(code)).putStrings("workflow", summary.workflowLearnings()).build();
        return new JsonOut().put("intent", summary.intent()).put("outcome", summary.outcome())
                .put("learnings", learnings).putStrings("friction", summary.friction())
                .putStrings("open_items", summary.openItems()).build();
    }

    /** Per linked commit, the lines it added to each file by who wrote them, and the lines it removed. */
    private static JsonValue toJson(List<CommitAttribution> attributions) {
        List<JsonValue> commits = new ArrayList<>();
        for (CommitAttribution attribution : attributions) {
            List<JsonValue> files = new ArrayList<>();
            for (FileLineCounts file : attribution.files()) {
                files.add(new JsonOut().put("path", file.path()).put("agent_lines", file.agentLines())
                        .put("human_edited_lines", file.humanEditedLines()).put("human_lines", file.humanLines())
                        .put("removed_lines", file.removedLines()).build());
            }
            commits.add(new JsonOut().put("commit", attribution.commit().hex()).put("files", new JsonArray(files))
                    .build());
        }
        return new JsonArray(commits);
    }

    private static void printAttribution(PrintWriter out, List<CommitAttribution> attributions) {
        for (CommitAttribution attribution : attributions) {
            out.println("Lines added by commit " + attribution.commit().abbreviated() + ":");
            for (FileLineCounts file : attribution.files()) {
                out.println("  " + file.path() + ": " + file.agentLines() + " agent, " + file.humanEditedLines()
                        + " human-edited, " + file.humanLines() + " human; " + file.removedLines() + " removed");
            }
        }
        out.flush();
    }
}
