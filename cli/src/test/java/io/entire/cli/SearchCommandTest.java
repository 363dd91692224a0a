package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.Environment;
import io.entire.core.Progress;
import io.entire.core.git.Git;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonValue;
import io.entire.core.workspace.Workspace;
import io.entire.search.CheckpointSearch;
import io.entire.search.IndexRefresh;
import io.entire.search.IndexUpdate;
import io.entire.search.SearchRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code entire search} over the 40 real checkpoints the Go implementation wrote, and checkpoints attached later. */
class SearchCommandTest {
    private static final String REDACTION_CHECKPOINT = "397737088f0a";

    @TempDir
    Path temp;
    Sandbox workspace;

    @BeforeEach
    void cloneSample() {
        new Git(temp).run("clone", "-q", "-b", "main",
                Sandbox.FIXTURES.resolve("upstream-v1-sample.bundle").toString(), "repo");
        workspace = Sandbox.existing(temp.resolve("repo"), temp.resolve("claude"));
        workspace.git.run("branch", "-q", "entire/checkpoints/v1", "origin/entire/checkpoints/v1");
    }

    @Test
    void aKnownPhraseFindsItsCheckpointFirstWithTheLinkedCommitAndTheWordsMarked() {
        List<JsonObject> hits = search("redacts", "secrets");

        JsonObject best = hits.get(0);
        assertThat(best.findString("checkpoint_id")).contains(REDACTION_CHECKPOINT);
        assertThat(best.findString("role")).contains("prompt");
        assertThat(best.findString("agent")).contains("Claude Code");
        assertThat(best.findString("created_at")).hasValueSatisfying(time -> assertThat(time).startsWith("2026-02-06"));
        String linked = workspace.git.run("log", "--format=%H", "-F",
                "--grep=Entire-Checkpoint: " + REDACTION_CHECKPOINT, "main").text();
        assertThat(((JsonObject) best.findArray("commits").orElseThrow().elements().get(0)).findString("sha"))
                .contains(linked);
        String text = best.findString("text").orElseThrow();
        assertThat(best.findArray("matches").orElseThrow().elements()).extracting(match -> text.substring(
                ((JsonObject) match).findLong("start").orElseThrow().intValue(),
                ((JsonObject) match).findLong("end").orElseThrow().intValue())).contains("redacts", "secrets");
    }

    @Test
    void resultsAreRankedOneLinePerCheckpointAndLimited() {
        List<JsonObject> hits = search("hook", "--limit", "5");

        assertThat(hits).hasSize(5);
        assertThat(hits).extracting(hit -> hit.findString("checkpoint_id").orElseThrow()).doesNotHaveDuplicates();
        assertThat(hits).extracting(hit -> Double.parseDouble(((io.entire.core.json.JsonNumber) hit.members()
                .get("score")).text())).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void filtersByAgentDateAndFile() {
        assertThat(search("hook", "--agent", "claude-code")).isNotEmpty();
        assertThat(search("hook", "--agent", "Claude Code")).isNotEmpty();
        assertThat(search("hook", "--agent", "gemini-cli")).isEmpty();
        assertThat(search("hook", "--since", "2030-01-01")).isEmpty();
        assertThat(search("hook", "--since", "2026-02-10", "--limit", "40")).extracting(hit -> hit.findString(
                "created_at").orElseThrow()).allSatisfy(time -> assertThat(time).isGreaterThanOrEqualTo("2026-02-10"));
        List<JsonObject> underCmd = search("hook", "--file", "cmd", "--limit", "40");
        assertThat(underCmd).isNotEmpty();
        assertThat(underCmd.size()).isLessThanOrEqualTo(search("hook", "--limit", "40").size());
        assertThat(search("hook", "--file", "no/such/folder")).isEmpty();
    }

    @Test
    void aCheckpointAttachedAfterTheFirstSearchIsIndexedIncrementally() throws IOException {
        IndexUpdate first = searchDirectly("FormatIncrementalSubject");
        assertThat(first.added()).isEqualTo(40);
        Map<String, String> firstSegment = segmentFiles("_0.");
        assertThat(firstSegment).isNotEmpty();
        workspace.commit("Keep the unused parameters for the linter");
        workspace.fixtureTranscript(Sandbox.SESSION_B);
        CliRun attach = workspace.run("attach", Sandbox.SESSION_B, "--force");
        assertThat(attach.exitCode()).as(attach.err()).isZero();
        String checkpoint = workspace.git.run("log", "-1", "--format=%(trailers:key=Entire-Checkpoint,valueonly)")
                .text().strip();

        IndexUpdate second = searchDirectly("FormatIncrementalSubject");

        assertThat(second).isEqualTo(new IndexUpdate(1, 0, 0, java.util.Optional.empty(), List.of(), 41));
        assertThat(segmentFiles("_0.")).as("the first 40 stay indexed as they were").isEqualTo(firstSegment);
        List<JsonObject> hits = search("FormatIncrementalSubject", "--limit", "40");
        JsonObject attached = hits.stream().filter(hit -> hit.findString("checkpoint_id").orElseThrow()
                .equals(checkpoint)).findFirst().orElseThrow();
        assertThat(((JsonObject) attached.findArray("commits").orElseThrow().elements().get(0)).findString("sha"))
                .contains(workspace.head());
        assertThat(searchDirectly("FormatIncrementalSubject"))
                .isEqualTo(new IndexUpdate(0, 0, 0, java.util.Optional.empty(), List.of(), 0));
    }

    @Test
    void anUnchangedStoreIsNotComparedWithTheIndexAndAMovedRefIs() throws IOException {
        assertThat(searchDirectly("hook").compared()).isEqualTo(40);
        List<String> indexFiles = indexFiles();

        assertThat(searchDirectly("hook")).as("no store ref moved")
                .isEqualTo(new IndexUpdate(0, 0, 0, java.util.Optional.empty(), List.of(), 0));
        assertThat(indexFiles()).as("a search that changed nothing writes no commit").isEqualTo(indexFiles);
        workspace.commit("Keep the unused parameters for the linter");
        assertThat(searchDirectly("hook").compared()).as("a code commit moves no store ref").isZero();
        workspace.git.run("update-ref", "refs/remotes/teammate/entire/checkpoints/v1",
                "refs/heads/entire/checkpoints/v1");
        assertThat(searchDirectly("hook")).as("a fetched checkpoint branch may hold new checkpoints")
                .isEqualTo(new IndexUpdate(0, 0, 0, java.util.Optional.empty(), List.of(), 40));
        assertThat(searchDirectly("hook").compared()).isZero();
    }

    @Test
    void checkpointsFetchedFromATeammateAreIndexedAndDeletedOnesForgotten() {
        searchDirectly("hook");
        Path teammate = temp.resolve("teammate");
        new Git(temp).run("clone", "-q", workspace.repo.toString(), teammate.toString());
        Sandbox theirs = Sandbox.existing(teammate, temp.resolve("claude"));
        theirs.git.run("branch", "-q", "entire/checkpoints/v1", "origin/entire/checkpoints/v1");
        theirs.commit("Keep the unused parameters for the linter");
        theirs.fixtureTranscript(Sandbox.SESSION_B);
        assertThat(theirs.run("attach", Sandbox.SESSION_B, "--force").exitCode()).isZero();
        String checkpoint = theirs.git.run("log", "-1", "--format=%(trailers:key=Entire-Checkpoint,valueonly)")
                .text().strip();
        workspace.git.run("remote", "add", "teammate", teammate.toString());
        workspace.git.run("fetch", "-q", "teammate", "main:teammate-main",
                "entire/checkpoints/v1:entire/checkpoints/v1");

        assertThat(searchDirectly("FormatIncrementalSubject"))
                .isEqualTo(new IndexUpdate(1, 0, 0, java.util.Optional.empty(), List.of(), 41));
        assertThat(search("FormatIncrementalSubject", "--limit", "40")).extracting(hit -> hit.findString(
                "checkpoint_id").orElseThrow()).contains(checkpoint);

        workspace.git.run("branch", "-q", "-D", "entire/checkpoints/v1");
        for (String remote : List.of("origin", "teammate")) {
            workspace.git.run("update-ref", "-d", "refs/remotes/" + remote + "/entire/checkpoints/v1");
        }
        assertThat(searchDirectly("hook")).isEqualTo(new IndexUpdate(0, 0, 41, java.util.Optional.empty(),
                List.of(), 0));
        assertThat(search("hook")).isEmpty();
    }

    @Test
    void checkpointRefsAreSearchedWhenTheyAreTheStore() throws IOException {
        Files.createDirectories(workspace.repo.resolve(".entire"));
        Files.writeString(workspace.repo.resolve(".entire/settings.json"),
                "{\"strategy_options\": {\"checkpoint_store\": \"refs-v1\"}}");
        CliRun migrate = workspace.run("migrate", "--checkpoints", "refs");
        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        workspace.git.run("branch", "-q", "-D", "entire/checkpoints/v1");
        workspace.git.run("update-ref", "-d", "refs/remotes/origin/entire/checkpoints/v1");

        assertThat(searchDirectly("redacts").added()).isEqualTo(40);
        assertThat(search("redacts", "secrets").get(0).findString("checkpoint_id")).contains(REDACTION_CHECKPOINT);
        workspace.commit("Keep the unused parameters for the linter");
        workspace.fixtureTranscript(Sandbox.SESSION_B);
        assertThat(workspace.run("attach", Sandbox.SESSION_B, "--force").exitCode()).isZero();
        String checkpoint = workspace.git.run("log", "-1", "--format=%(trailers:key=Entire-Checkpoint,valueonly)")
                .text().strip();
        assertThat(checkpoint).hasSize(26);

        assertThat(searchDirectly("FormatIncrementalSubject"))
                .isEqualTo(new IndexUpdate(1, 0, 0, java.util.Optional.empty(), List.of(), 41));
        assertThat(search("FormatIncrementalSubject", "--limit", "40")).extracting(hit -> hit.findString(
                "checkpoint_id").orElseThrow()).contains(checkpoint);
    }

    @Test
    void checkpointsReadFromTheirFoldersAreIndexedAsTheStoresReadThem() throws IOException {
        List<String> queries = List.of("hook", "redacts secrets", "test", "commit message", "claude");
        List<List<JsonObject>> fromFolders = new ArrayList<>();
        for (String query : queries) {
            fromFolders.add(search(query, "--limit", "40"));
        }
        Files.createDirectories(workspace.repo.resolve(".entire"));
        Files.writeString(workspace.repo.resolve(".entire/settings.json"),
                "{\"strategy_options\": {\"checkpoints_v2\": true}}");
        CliRun migrate = workspace.run("migrate", "--checkpoints", "v2");
        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        // Only v2 is left, whose folders lack the raw transcripts: each checkpoint is read through the stores.
        Files.writeString(workspace.repo.resolve(".entire/settings.json"),
                "{\"strategy_options\": {\"checkpoint_store\": \"refs-v1\", \"checkpoints_v2\": true}}");
        workspace.git.run("branch", "-q", "-D", "entire/checkpoints/v1");
        workspace.git.run("update-ref", "-d", "refs/remotes/origin/entire/checkpoints/v1");

        assertThat(searchDirectly(new SearchRequest("hook", Optional.empty(), Optional.empty(), Optional.empty(),
                SearchRequest.DEFAULT_LIMIT, IndexRefresh.REBUILD), Progress.NONE).added()).isEqualTo(40);
        for (int i = 0; i < queries.size(); i++) {
            assertThat(search(queries.get(i), "--limit", "40")).as(queries.get(i)).isEqualTo(fromFolders.get(i));
        }
    }

    @Test
    void aCheckpointThatCannotBeReadIsNamedAndTheOthersAreIndexed() {
        String broken = REDACTION_CHECKPOINT;
        String edit = temp.resolve("edit").toString();
        workspace.git.run("worktree", "add", "-q", edit, "entire/checkpoints/v1");
        workspace.git.run("-C", edit, "rm", "-q", broken.substring(0, 2) + "/" + broken.substring(2)
                + "/0/metadata.json");
        workspace.git.run("-C", edit, "commit", "-q", "-m", "Lose a session's metadata");

        IndexUpdate update = searchDirectly("hook");

        assertThat(update.added()).isEqualTo(39);
        assertThat(update.failures()).singleElement().asString().contains(broken).contains("metadata.json");
        CliRun run = workspace.run("search", "--json", "hook", "--limit", "40");
        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(run.err()).contains("checkpoint " + broken + " could not be indexed");
        assertThat(parse(run.out())).extracting(hit -> hit.findString("checkpoint_id").orElseThrow()).isNotEmpty()
                .doesNotContain(broken);
    }

    @Test
    void aCorruptIndexIsRebuiltAndTheSearchStillAnswers() throws IOException {
        List<JsonObject> before = search("redacts", "secrets");
        try (Stream<Path> files = Files.list(workspace.repo.resolve(".git/entire-index"))) {
            for (Path file : files.filter(path -> !path.getFileName().toString().equals("write.lock")).toList()) {
                Files.write(file, "not an index".getBytes(StandardCharsets.UTF_8));
            }
        }

        CliRun again = workspace.run("search", "redacts", "secrets", "--json");

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.err()).isEqualTo("entire: the search index was rebuilt: it could not be read"
                + System.lineSeparator());
        assertThat(parse(again.out())).isEqualTo(before);
        assertThat(workspace.run("search", "redacts", "secrets").err()).isEmpty();
    }

    @Test
    void aMissingIndexIsBuiltAndReindexRebuildsEverything() throws IOException {
        search("hook");
        deleteRecursively(workspace.repo.resolve(".git/entire-index"));

        assertThat(search("redacts", "secrets").get(0).findString("checkpoint_id")).contains(REDACTION_CHECKPOINT);
        CliRun reindex = workspace.run("search", "--reindex", "redacts");
        assertThat(reindex.exitCode()).as(reindex.err()).isZero();
        assertThat(reindex.err()).isEqualTo("Indexed 40 checkpoints." + System.lineSeparator());
    }

    @Test
    void theIndexerCountsTheCheckpointsItIndexesAndTellsNothingWhenNoneIsNew() {
        List<String> first = new ArrayList<>();
        List<String> again = new ArrayList<>();
        List<String> rebuilt = new ArrayList<>();

        searchDirectly(SearchRequest.of("hook"), (done, total) -> first.add(done + "/" + total));
        searchDirectly(SearchRequest.of("hook"), (done, total) -> again.add(done + "/" + total));
        searchDirectly(new SearchRequest("hook", Optional.empty(), Optional.empty(), Optional.empty(),
                SearchRequest.DEFAULT_LIMIT, IndexRefresh.REBUILD), (done, total) -> rebuilt.add(done + "/" + total));

        assertThat(first).hasSize(41).startsWith("0/40", "1/40").endsWith("39/40", "40/40");
        assertThat(again).isEmpty();
        assertThat(rebuilt).isEqualTo(first);
    }

    @Test
    void badInputIsAClearUsageErrorAndWritesNoIndex() {
        CliRun empty = workspace.run("search", " ");
        assertThat(empty.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(empty.err()).contains("the search query is empty");
        CliRun stopWords = workspace.run("search", "the");
        assertThat(stopWords.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(stopWords.err()).contains("'the' has no word to search for");
        CliRun since = workspace.run("search", "hook", "--since", "last tuesday");
        assertThat(since.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(since.err()).contains("--since 'last tuesday' is not a date");
        CliRun limit = workspace.run("search", "hook", "--limit", "0");
        assertThat(limit.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(limit.err()).contains("--limit must be at least 1");
        CliRun outside = workspace.run("search", "hook", "--file", "../elsewhere");
        assertThat(outside.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(outside.err()).contains("names no file or folder inside the repository");
        assertThat(workspace.repo.resolve(".git/entire-index")).doesNotExist();
    }

    private List<JsonObject> search(String... args) {
        String[] command = Stream.concat(Stream.of("search", "--json"), Stream.of(args)).toArray(String[]::new);
        CliRun run = workspace.run(command);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return parse(run.out());
    }

    private static List<JsonObject> parse(String json) {
        List<JsonValue> elements = ((JsonArray) new JsonReader().parse(json.getBytes(StandardCharsets.UTF_8)))
                .elements();
        return elements.stream().map(JsonObject.class::cast).toList();
    }

    private IndexUpdate searchDirectly(String query) {
        return searchDirectly(SearchRequest.of(query), Progress.NONE);
    }

    private IndexUpdate searchDirectly(SearchRequest request, Progress progress) {
        Environment environment = Environment.of(workspace.env(), workspace.repo, temp.resolve("no-home"));
        try (Workspace opened = Workspace.open(environment, "test")) {
            return new CheckpointSearch(opened.repository(), opened.stores()).search(request, progress).update();
        }
    }

    /** The index's files whose names start with {@code prefix}, each with its content's digest. */
    private Map<String, String> segmentFiles(String prefix) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.list(workspace.repo.resolve(".git/entire-index"))) {
            for (Path file : paths.filter(path -> path.getFileName().toString().startsWith(prefix)).toList()) {
                files.put(file.getFileName().toString(), workspace.git.run("hash-object", file.toString()).text()
                        .strip());
            }
        }
        return files;
    }

    private List<String> indexFiles() throws IOException {
        try (Stream<Path> files = Files.list(workspace.repo.resolve(".git/entire-index"))) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
