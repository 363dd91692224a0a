package io.entire.cli;

import io.entire.core.doctor.VerifyProblem;
import io.entire.core.doctor.VerifyReport;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonBoolean;
import io.entire.core.json.JsonValue;
import io.entire.core.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/** {@code entire doctor verify [--json]}: checks every checkpoint of every store; exit 1 when anything is wrong. */
final class DoctorVerifyCommand implements CliCommand {
    private static final String JSON = "--json";

    private final CliContext context;

    DoctorVerifyCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpecs.command(this, "verify", "Check every checkpoint in every store: metadata, session"
                        + " slots, content hashes, objects, ref names, and that stores agree. One line per problem.")
                .addOption(CommandSpecs.flag("print one JSON object", JSON));
    }

    @Override
    public int run(ParseResult parsed) {
        VerifyReport report;
        ProgressLine progress = ProgressLine.forCommand(context, "verifying checkpoints");
        try (Workspace workspace = context.openWorkspace()) {
            report = workspace.verifier().verify(progress);
        } finally {
            progress.finish();
        }
        if (parsed.hasMatchedOption(JSON)) {
            List<JsonValue> problems = new ArrayList<>();
            for (VerifyProblem problem : report.problems()) {
                problems.add(new JsonOut().put("checkpoint_id", problem.checkpoint()).put("store", problem.store())
                        .put("kind", problem.kind().value()).put("detail", problem.detail()).build());
            }
            JsonOut.print(context.out(), new JsonOut().put("healthy", new JsonBoolean(report.healthy()))
                    .putStrings("stores", report.stores()).put("copies_checked", report.copiesChecked())
                    .put("problems", new JsonArray(problems)).build());
        } else {
            report.problems().forEach(problem -> context.out().println(problem.line()));
            context.out().println("Checked " + report.copiesChecked() + " checkpoint copies in "
                    + (report.stores().isEmpty() ? "no store" : String.join(", ", report.stores())) + ": "
                    + (report.healthy() ? "no problems." : report.problems().size() + " problem(s)."));
        }
        return report.healthy() ? ExitCode.OK : ExitCode.FAILED;
    }
}
