package io.entire.cli;

import io.entire.core.Progress;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonNumber;
import io.entire.core.json.JsonValue;
import io.entire.core.model.Since;
import io.entire.core.model.Timestamps;
import io.entire.core.query.LinkedCommit;
import io.entire.core.workspace.Workspace;
import io.entire.search.CheckpointSearch;
import io.entire.search.IndexRefresh;
import io.entire.search.SearchHit;
import io.entire.search.SearchRequest;
import io.entire.search.SearchResult;
import io.entire.search.Snippet;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/** {@code entire search}: full-text search over the stored checkpoints' prompts and transcripts. */
final class SearchCommand implements CliCommand {
    private static final String AGENT = "--agent";
    private static final String SINCE = "--since";
    private static final String FILE = "--file";
    private static final String JSON = "--json";
    private static final String LIMIT = "--limit";
    private static final String REINDEX = "--reindex";

    private final CliContext context;

    SearchCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpecs.command(this, "search",
                        "Search every stored checkpoint's prompts and transcripts, best match first.")
                .addPositional(PositionalParamSpec.builder().type(String[].class).arity("1..*").paramLabel("<query>")
                        .description("words to look for; \"a phrase\", prefix*, -excluded").build())
                .addOption(CommandSpecs.option("<agent>", "only sessions of this agent (claude-code, ...)", AGENT)
                        .build())
                .addOption(CommandSpecs.option("<date>",
                        "only checkpoints created since: 2026-02-06, 2026-02-06T05:12:00Z, or an age (12h, 7d, 2w)",
                        SINCE).build())
                .addOption(CommandSpecs.option("<path>", "only sessions that touched this file or a file under this"
                        + " folder", FILE).build())
                .addOption(OptionSpec.builder(LIMIT).type(int.class).paramLabel("<n>")
                        .defaultValue(Integer.toString(SearchRequest.DEFAULT_LIMIT))
                        .description("show at most n checkpoints (default: ${DEFAULT-VALUE})").build())
                .addOption(CommandSpecs.flag("print one JSON array", JSON))
                .addOption(CommandSpecs.flag("rebuild the search index from every stored checkpoint first",
                        REINDEX));
    }

    @Override
    public int run(ParseResult parsed) {
        String[] words = parsed.matchedPositionalValue(0, new String[0]);
        Optional<Instant> since = Optional.ofNullable(parsed.<String>matchedOptionValue(SINCE, null))
                .map(text -> Since.parse(text, context.environment().clock().instant()));
        SearchResult result;
        IndexRefresh refresh = parsed.hasMatchedOption(REINDEX) ? IndexRefresh.REBUILD : IndexRefresh.INCREMENTAL;
        ProgressLine progress = ProgressLine.forCommand(context, "indexing checkpoints");
        try (Workspace workspace = context.openWorkspace()) {
            Optional<String> file = Optional.ofNullable(parsed.<String>matchedOptionValue(FILE, null))
                    .map(path -> SearchRequest.repositoryPath(workspace.workTree(),
                            context.environment().workingDirectory(), path));
            SearchRequest request = new SearchRequest(String.join(" ", words),
                    Optional.ofNullable(parsed.matchedOptionValue(AGENT, null)), since, file,
                    parsed.matchedOptionValue(LIMIT, SearchRequest.DEFAULT_LIMIT), refresh);
            // An ordinary search indexes the few checkpoints new since the last one; a line for them would be noise.
            result = new CheckpointSearch(workspace.repository(), workspace.stores()).search(request,
                    refresh == IndexRefresh.REBUILD ? progress : Progress.NONE);
        } finally {
            progress.finish();
        }
        result.update().rebuiltBecause().ifPresent(reason -> context.err().println(
                "entire: the search index was rebuilt: " + reason));
        if (refresh == IndexRefresh.REBUILD) {
            context.err().println("Indexed " + result.update().added() + " checkpoints.");
        }
        result.update().failures().forEach(context::error);
        if (parsed.hasMatchedOption(JSON)) {
            JsonOut.print(context.out(), toJson(result.hits()));
        } else if (result.hits().isEmpty()) {
            context.err().println("No checkpoint matches.");
        } else {
            context.pager().start();
            result.hits().forEach(hit -> printText(context, hit));
            context.out().flush();
        }
        context.err().flush();
        return result.update().failures().isEmpty() ? ExitCode.OK : ExitCode.FAILED;
    }

    private static JsonValue toJson(List<SearchHit> hits) {
        List<JsonValue> elements = new ArrayList<>(hits.size());
        for (SearchHit hit : hits) {
            List<JsonValue> matches = new ArrayList<>();
            for (Snippet.Match match : hit.snippet().matches()) {
                matches.add(new JsonOut().put("start", match.start()).put("end", match.end()).build());
            }
            List<JsonValue> commits = new ArrayList<>();
            for (LinkedCommit commit : hit.commits()) {
                commits.add(new JsonOut().put("sha", commit.id().hex()).put("subject", commit.subject()).build());
            }
            elements.add(new JsonOut().put("checkpoint_id", hit.checkpointId().value())
                    .put("score", new JsonNumber(Float.toString(hit.score())))
                    .put("created_at", hit.createdAt().map(Timestamps::format))
                    .put("session_id", hit.sessionId().value())
                    .put("agent", hit.agent())
                    .put("role", hit.role().label())
                    .put("text", hit.snippet().text())
                    .put("matches", new JsonArray(matches))
                    .put("commits", new JsonArray(commits)).build());
        }
        return new JsonArray(elements);
    }

    private static void printText(CliContext context, SearchHit hit) {
        PrintWriter out = context.out();
        StringBuilder line = new StringBuilder(160);
        Format.padded(line, hit.checkpointId().value(), 26).append("  ");
        Format.padded(line, context.times().minute(hit.createdAt()), 17).append("  ");
        Format.padded(line, hit.agent().orElse("-"), 12).append("  ");
        if (hit.commits().isEmpty()) {
            line.append("(no linked commit)");
        } else {
            LinkedCommit first = hit.commits().get(0);
            line.append(first.id().abbreviated()).append(' ').append(Format.oneLine(first.subject(), 60));
            if (hit.commits().size() > 1) {
                line.append(" (+").append(hit.commits().size() - 1).append(" more)");
            }
        }
        out.println(line);
        line.setLength(0);
        line.append("    ").append(hit.role().label()).append(": ");
        String text = hit.snippet().text();
        int written = 0;
        for (Snippet.Match match : hit.snippet().matches()) {
            line.append(text, written, match.start());
            line.append(context.style().yellow(context.style().bold(text.substring(match.start(), match.end()))));
            written = match.end();
        }
        out.println(line.append(text, written, text.length()));
    }
}
