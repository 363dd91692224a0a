package io.entire.cli;

import io.entire.core.attribution.AgentOrigin;
import io.entire.core.attribution.AttributedLine;
import io.entire.core.attribution.FileAttribution;
import io.entire.core.attribution.LineAttributor;
import io.entire.core.attribution.LineAuthor;
import io.entire.core.git.LineRange;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonValue;
import io.entire.core.workspace.Workspace;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** {@code entire blame}: git's blame of a file, with the agent session and prompt behind each line it wrote. */
final class BlameCommand implements CliCommand {
    private static final String LINES = "-L";
    private static final String JSON = "--json";

    private final CliContext context;

    BlameCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpecs.command(this, "blame",
                        "Show who wrote each line of a file: the commit, and for agent work the session and prompt.")
                .addPositional(CommandSpecs.parameter("<file>", "the file to blame, as it is in the work tree"))
                .addOption(CommandSpecs.option("<start,end>", "only these lines, counted from 1", LINES).build())
                .addOption(CommandSpecs.flag("print one JSON object", JSON));
    }

    @Override
    public int run(ParseResult parsed) {
        Optional<LineRange> range = Optional.ofNullable(parsed.<String>matchedOptionValue(LINES, null))
                .map(text -> lineRange(parsed, text));
        FileAttribution attribution;
        try (Workspace workspace = context.openWorkspace()) {
            String path = LineAttributor.repositoryPath(workspace.workTree(),
                    context.environment().workingDirectory(), parsed.matchedPositionalValue(0, ""));
            attribution = workspace.lineAttributor().attribute(path, range);
        }
        if (parsed.hasMatchedOption(JSON)) {
            JsonOut.print(context.out(), toJson(attribution));
        } else {
            context.pager().start();
            printText(context.out(), attribution);
        }
        return ExitCode.OK;
    }

    private static LineRange lineRange(ParseResult parsed, String text) {
        String[] bounds = text.split(",", -1);
        try {
            if (bounds.length == 2) {
                return new LineRange(Integer.parseInt(bounds[0].strip()), Integer.parseInt(bounds[1].strip()));
            }
        } catch (IllegalArgumentException notARange) {
            // reported below, with the form expected
        }
        throw new ParameterException(parsed.commandSpec().commandLine(),
                "-L '" + text + "' is not a line range: give start,end with 1 <= start <= end, e.g. -L 10,20");
    }

    private static JsonValue toJson(FileAttribution attribution) {
        Map<LineAuthor, Integer> counts = new EnumMap<>(LineAuthor.class);
        List<JsonValue> lines = new ArrayList<>(attribution.lines().size());
        for (AttributedLine line : attribution.lines()) {
            counts.merge(line.author(), 1, Integer::sum);
            Optional<AgentOrigin> origin = line.origin();
            lines.add(new JsonOut().put("line", line.blame().number())
                    .put("commit", line.blame().commit().isZero() ? Optional.empty()
                            : Optional.of(line.blame().commit().hex()))
                    .put("author", line.author().label())
                    .putStrings("checkpoints", line.checkpoints().stream().map(Object::toString).toList())
                    .put("session_id", origin.map(found -> found.sessionId().value()))
                    .put("agent", origin.flatMap(AgentOrigin::agent))
                    .put("prompt", origin.flatMap(AgentOrigin::prompt))
                    .put("content", line.blame().content()).build());
        }
        JsonOut summary = new JsonOut();
        for (LineAuthor author : LineAuthor.values()) {
            summary.put(author.label(), counts.getOrDefault(author, 0));
        }
        return new JsonOut().put("file", attribution.path()).put("summary", summary.build())
                .put("lines", new JsonArray(lines)).build();
    }

    /** One line per source line; the sessions' prompts, numbered, below. */
    private static void printText(PrintWriter out, FileAttribution attribution) {
        Map<AgentOrigin, Integer> prompts = new LinkedHashMap<>();
        int width = attribution.lines().isEmpty() ? 1
                : Integer.toString(attribution.lines().get(attribution.lines().size() - 1).blame().number()).length();
        StringBuilder text = new StringBuilder(160);
        for (AttributedLine line : attribution.lines()) {
            text.setLength(0);
            Format.padded(text, line.blame().commit().isZero() ? "-" : line.blame().commit().abbreviated(), 8)
                    .append(' ');
            Format.padded(text, line.author().label(), 13).append(' ');
            String reference = line.origin().map(origin -> "p" + prompts.computeIfAbsent(origin,
                    key -> prompts.size() + 1)).orElse("");
            Format.padded(text, reference, 4).append(' ');
            Format.rightAligned(text, line.blame().number(), width).append(") ").append(line.blame().content());
            out.println(text);
        }
        if (!prompts.isEmpty()) {
            out.println();
        }
        prompts.forEach((origin, number) -> out.println("p" + number + "  session " + origin.sessionId()
                + " (" + origin.agent().orElse("agent?") + ", checkpoint " + origin.checkpointId() + "): "
                + origin.prompt().map(prompt -> Format.oneLine(prompt, 80)).orElse("(no prompt recorded)")));
        out.flush();
    }
}
