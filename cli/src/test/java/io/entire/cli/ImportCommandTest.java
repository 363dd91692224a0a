package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.agent.claudecode.ClaudeTranscriptLocator;
import io.entire.core.git.Git;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code entire import} over the two real Claude Code transcripts, placed in the repository's Claude Code project
 * folder as Claude Code would have written them had the sessions run here (their recorded paths point into this
 * repository), against a history whose commits were made while the sessions ran, or not, and changed the files the
 * sessions wrote, or not.
 */
class ImportCommandTest {
    private static final String SETTINGS_TEST = "cmd/entire/cli/settings/settings_test.go";
    private static final String MESSAGES = "cmd/entire/cli/strategy/messages.go";

    @TempDir
    Path temp;
    Sandbox sandbox;
    Map<String, String> env;
    /** Session A (2026-02-06 05:12:40..05:13:42 UTC) edited settings_test.go: this commit, a minute later. */
    String importsStrings;
    /** Made while session A ran, but changes only a file A did not write. */
    String readmeOnly;
    /** Changes settings_test.go two days after session A. */
    String laterTestChange;
    /** Session B (2026-02-10 06:22:36..06:24:42 UTC) edited messages.go: this commit, a minute later. */
    String nolintDirectives;
    /** A person's change to messages.go five minutes after B ended: B still matches it. */
    String humanNote;

    @BeforeEach
    void setUp() {
        sandbox = new Sandbox(temp);
        env = new HashMap<>(sandbox.env());
        // Every agent's folder in the sandbox: the import looks through them all.
        env.put("CODEX_HOME", temp.resolve("codex").toString());
        env.put("COPILOT_HOME", temp.resolve("copilot").toString());
        env.put("GEMINI_CLI_HOME", temp.resolve("gemini").toString());
        write(SETTINGS_TEST, "package settings\n\nimport (\n\t\"os\"\n\t\"path/filepath\"\n\t\"testing\"\n)\n");
        write(MESSAGES, "package strategy\n\nfunc message(\n\tincrementalType string,\n\tsubagentType string,\n"
                + "\ttaskDescription string,\n) {}\n");
        commitAt("2026-02-05T10:00:00Z", "Start the project");
        write(SETTINGS_TEST, "package settings\n\nimport (\n\t\"os\"\n\t\"path/filepath\"\n\t\"strings\"\n"
                + "\t\"testing\"\n)\n");
        importsStrings = commitAt("2026-02-06T05:14:30Z", "Use strings.Contains");
        write("README.md", "# settings\n");
        readmeOnly = commitAt("2026-02-06T05:20:00Z", "Add a README");
        write(SETTINGS_TEST, "package settings\n\nimport (\n\t\"os\"\n\t\"path/filepath\"\n\t\"strings\"\n"
                + "\t\"testing\"\n)\n\n// More tests to come.\n");
        laterTestChange = commitAt("2026-02-08T09:00:00Z", "Note more tests");
        write(MESSAGES, "package strategy\n\nfunc message(\n"
                + "\tincrementalType string, //nolint:unparam // kept for API compatibility\n"
                + "\tsubagentType string, //nolint:unparam // kept for API compatibility\n"
                + "\ttaskDescription string, //nolint:unparam // kept for API compatibility\n) {}\n");
        nolintDirectives = commitAt("2026-02-10T06:25:30Z", "Fix the lints");
        write(MESSAGES, "package strategy\n\n// message builds a commit message.\nfunc message(\n"
                + "\tincrementalType string, //nolint:unparam // kept for API compatibility\n"
                + "\tsubagentType string, //nolint:unparam // kept for API compatibility\n"
                + "\ttaskDescription string, //nolint:unparam // kept for API compatibility\n) {}\n");
        humanNote = commitAt("2026-02-10T06:30:00Z", "Document message");
        pastTranscript(Sandbox.SESSION_A, "/Users/paul/src/entireio/20260205-cli");
        pastTranscript(Sandbox.SESSION_B, "/Users/paul/src/entireio/cli");
    }

    @Test
    void dryRunListsEachSessionWithTheCommitsMadeWhileItRanAndWritesNothing() {
        CliRun dryRun = run("import", "--dry-run");

        assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
        List<String> lines = dryRun.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("claude-code  " + Sandbox.SESSION_A + "  ")
                .endsWith("-> " + importsStrings.substring(0, 7));
        assertThat(lines.get(1)).startsWith("claude-code  " + Sandbox.SESSION_B + "  ")
                .endsWith("-> " + nolintDirectives.substring(0, 7) + ", " + humanNote.substring(0, 7));
        assertThat(lines.get(2)).isEqualTo("Would import 2 session(s) for 3 commit(s); run 'entire import' to import"
                + " them.");
        assertThat(sandbox.checkpointTip()).isEmpty();
        assertThat(sandbox.git.run("for-each-ref", "refs/entire/").text()).isEmpty();
    }

    @Test
    void importRecordsEachMatchedCommitInItsCheckpointWithoutRewritingItAndExplainAndBlameFindIt() {
        String head = sandbox.head();

        CliRun imported = run("import", "--json");

        assertThat(imported.exitCode()).as(imported.err()).isZero();
        JsonObject result = parse(imported.out());
        List<JsonValue> checkpoints = result.findArray("checkpoints").orElseThrow().elements();
        assertThat(checkpoints).extracting(checkpoint -> ((JsonObject) checkpoint).findString("commit").orElseThrow())
                .containsExactly(importsStrings, nolintDirectives, humanNote);
        assertThat(sandbox.head()).isEqualTo(head);
        assertThat(sandbox.git.run("log", "--format=%B", "HEAD").text()).doesNotContain("Entire-Checkpoint");

        JsonObject explained = explain(importsStrings);
        String checkpointA = ((JsonObject) checkpoints.get(0)).findString("checkpoint_id").orElseThrow();
        assertThat(explained.findString("checkpoint_id")).contains(checkpointA);
        assertThat(sessionIds(explained)).containsExactly(Sandbox.SESSION_A);
        assertThat(explained.findArray("commits").orElseThrow().elements())
                .extracting(commit -> ((JsonObject) commit).findString("commit").orElseThrow())
                .containsExactly(importsStrings);
        assertThat(sessionIds(explain(humanNote))).containsExactly(Sandbox.SESSION_B);
        CliRun unmatched = run("explain", readmeOnly, "--json");
        assertThat(unmatched.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(unmatched.err()).contains("no agent session is linked to it");

        CliRun blame = run("blame", SETTINGS_TEST, "--json");
        assertThat(blame.exitCode()).as(blame.err()).isZero();
        JsonObject stringsLine = line(parse(blame.out()), 6);
        assertThat(stringsLine.findString("content")).contains("\t\"strings\"");
        assertThat(stringsLine.strings("checkpoints")).containsExactly(checkpointA);
        assertThat(stringsLine.findString("author")).contains("agent");
        assertThat(stringsLine.findString("session_id")).contains(Sandbox.SESSION_A);
        assertThat(sandbox.git.run("fsck", "--strict").succeeded()).isTrue();
    }

    @Test
    void traceExportAndTheBranchListingFollowTheLinksImportRecorded() {
        CliRun imported = run("import", "--json");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        Map<String, String> checkpointOf = new HashMap<>();
        for (JsonValue checkpoint : parse(imported.out()).findArray("checkpoints").orElseThrow().elements()) {
            JsonObject written = (JsonObject) checkpoint;
            checkpointOf.put(written.findString("commit").orElseThrow(),
                    written.findString("checkpoint_id").orElseThrow());
        }

        CliRun export = run("trace", "export", "--json");
        CliRun upToA = run("checkpoint", "list", "--branch", laterTestChange, "--json");
        CliRun all = run("checkpoint", "list", "--branch", "HEAD", "--json");

        assertThat(export.exitCode()).as(export.err()).isZero();
        List<JsonObject> records = objects(new JsonReader().parse(export.out().getBytes(StandardCharsets.UTF_8)));
        assertThat(records).extracting(record -> record.findObject("vcs").orElseThrow().findString("revision")
                .orElseThrow()).containsExactly(importsStrings, nolintDirectives, humanNote);
        assertThat(records.get(0).findObject("metadata").orElseThrow().strings("checkpoint_ids"))
                .containsExactly(checkpointOf.get(importsStrings));
        JsonObject file = objects(records.get(0).member("files")).get(0);
        assertThat(file.findString("path")).contains(SETTINGS_TEST);
        assertThat(objects(file.member("conversations"))).as("the session's own line is the agent's")
                .extracting(conversation -> conversation.findObject("contributor").orElseThrow().findString("type")
                        .orElseThrow()).containsExactly("ai");
        assertThat(listedIds(upToA)).containsExactly(checkpointOf.get(importsStrings));
        assertThat(listedIds(all)).containsExactlyInAnyOrderElementsOf(checkpointOf.values());
    }

    @Test
    void searchShowsTheCommitImportLinkedEachCheckpointTo() {
        CliRun imported = run("import", "--json");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        Map<String, String> commitOf = new HashMap<>();
        for (JsonValue checkpoint : parse(imported.out()).findArray("checkpoints").orElseThrow().elements()) {
            JsonObject written = (JsonObject) checkpoint;
            commitOf.put(written.findString("checkpoint_id").orElseThrow(), written.findString("commit").orElseThrow());
        }

        List<JsonObject> hits = new ArrayList<>();
        for (String query : List.of("containsSubstring", "FormatIncrementalSubject")) {
            CliRun search = run("search", query, "--limit", "40", "--json");
            assertThat(search.exitCode()).as(search.err()).isZero();
            hits.addAll(objects(new JsonReader().parse(search.out().getBytes(StandardCharsets.UTF_8))));
        }

        assertThat(hits).extracting(hit -> hit.findString("checkpoint_id").orElseThrow())
                .containsExactlyInAnyOrderElementsOf(commitOf.keySet());
        for (JsonObject hit : hits) {
            assertThat(objects(hit.member("commits"))).as(hit.findString("checkpoint_id").orElseThrow())
                    .extracting(commit -> commit.findString("sha").orElseThrow())
                    .containsExactly(commitOf.get(hit.findString("checkpoint_id").orElseThrow()));
        }
    }

    @Test
    void aSessionStartedInAFolderOfTheWorkTreeIsFoundAndOneOfAFolderBesideItIsNot() throws IOException {
        Path projects = sandbox.claudeConfig.resolve("projects");
        Path repo = sandbox.repo.toRealPath();
        Path ownFolder = projects.resolve(ClaudeTranscriptLocator.sanitize(repo));
        Files.delete(ownFolder.resolve(Sandbox.SESSION_A + ".jsonl"));
        Files.delete(ownFolder.resolve(Sandbox.SESSION_B + ".jsonl"));
        // Claude Code started in cmd/entire: its cwd is that folder, the files it wrote are the work tree's.
        Path inside = repo.resolve("cmd/entire");
        String sessionB = fixture(Sandbox.SESSION_B).replace("\"cwd\":\"/Users/paul/src/entireio/cli\"",
                "\"cwd\":\"" + inside + "\"").replace("/Users/paul/src/entireio/cli", repo.toString());
        writeTranscript(projects.resolve(ClaudeTranscriptLocator.sanitize(inside)), Sandbox.SESSION_B, sessionB);
        // A folder beside the repository whose name starts like it: its project folder's name does too.
        Path beside = repo.resolveSibling(repo.getFileName() + "-other");
        writeTranscript(projects.resolve(ClaudeTranscriptLocator.sanitize(beside)), Sandbox.SESSION_A,
                fixture(Sandbox.SESSION_A).replace("/Users/paul/src/entireio/20260205-cli", beside.toString()));

        CliRun dryRun = run("import", "--dry-run", "--agent", "claude-code");

        assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
        List<String> lines = dryRun.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("claude-code  " + Sandbox.SESSION_B + "  ")
                .endsWith("-> " + nolintDirectives.substring(0, 7) + ", " + humanNote.substring(0, 7));
        assertThat(lines.get(1)).startsWith("Would import 1 session(s) for 2 commit(s)");
    }

    @Test
    void aRerunImportsNothingNew() {
        assertThat(run("import").exitCode()).isZero();
        String tip = sandbox.checkpointTip();

        CliRun again = run("import");

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains(Sandbox.SESSION_A + "  ").contains("Nothing to import.");
        assertThat(sandbox.checkpointTip()).isEqualTo(tip);
    }

    @Test
    void aSessionTheHooksOrAttachStoredAlreadyIsNotImportedAgain() {
        sandbox.git.run("checkout", "-q", importsStrings);
        assertThat(run("attach", Sandbox.SESSION_A, "--force").exitCode()).isZero();
        sandbox.git.run("checkout", "-q", "-");

        CliRun dryRun = run("import", "--dry-run");

        assertThat(dryRun.out().lines().toList().get(0)).contains(Sandbox.SESSION_A).contains("already in checkpoint");
        assertThat(dryRun.out()).contains("Would import 1 session(s) for 2 commit(s)");
    }

    @Test
    void linkAddsTrailersOnlyToCommitsNoRemoteHas(@TempDir Path remoteFolder) {
        Path remote = remoteFolder.resolve("origin.git");
        new Git(remoteFolder).run("init", "-q", "--bare", remote.toString());
        sandbox.git.run("remote", "add", "origin", remote.toUri().toString());
        sandbox.git.run("push", "-q", "origin", laterTestChange + ":refs/heads/main");
        sandbox.git.run("fetch", "-q", "origin");

        CliRun linked = run("import", "--link");

        assertThat(linked.exitCode()).as(linked.err()).isZero();
        assertThat(linked.out()).contains("Added Entire-Checkpoint trailers to 2 unpushed commit(s)")
                .contains("Left 1 pushed commit(s) unchanged (" + importsStrings.substring(0, 7) + ")");
        assertThat(sandbox.git.run("merge-base", "--is-ancestor", laterTestChange, "HEAD").succeeded()).isTrue();
        assertThat(sandbox.git.run("log", "-1", "--format=%B", importsStrings).text())
                .doesNotContain("Entire-Checkpoint");
        assertThat(sandbox.git.run("log", "-1", "--format=%B", "HEAD~1").text())
                .startsWith("Fix the lints\n\nEntire-Checkpoint: ");
        assertThat(sandbox.headMessage()).startsWith("Document message\n\nEntire-Checkpoint: ");
        assertThat(sessionIds(explain("HEAD"))).containsExactly(Sandbox.SESSION_B);
        assertThat(sessionIds(explain(importsStrings))).containsExactly(Sandbox.SESSION_A);
    }

    @Test
    void aTranscriptWithBrokenLinesStopsTheImportBeforeAnythingIsWritten() throws IOException {
        Path transcript = sandbox.claudeConfig.resolve("projects")
                .resolve(ClaudeTranscriptLocator.sanitize(sandbox.repo.toRealPath()))
                .resolve(Sandbox.SESSION_B + ".jsonl");
        Files.writeString(transcript, Files.readString(transcript) + "{\"type\":\"user\",\"message\":\n");

        CliRun imported = run("import");

        assertThat(imported.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(imported.err()).contains("transcript " + transcript + " has 1 malformed line(s); nothing was"
                + " imported");
        assertThat(imported.err()).doesNotContain("Exception");
        assertThat(sandbox.checkpointTip()).isEmpty();
    }

    @Test
    void anUnknownAgentOrABadDateIsAUsageErrorAndWritesNothing() {
        CliRun agent = run("import", "--agent", "cursor");
        CliRun date = run("import", "--since", "last tuesday");

        assertThat(agent.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(agent.err()).contains("unknown agent 'cursor'");
        assertThat(date.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(date.err()).contains("--since 'last tuesday' is not a date");
        assertThat(sandbox.checkpointTip()).isEmpty();
    }

    @Test
    void aCodexRolloutRecordedInThisRepositoryIsImportedForTheCommitOfItsPatches() throws IOException {
        Path recorded = Sandbox.FIXTURES.resolve("agents/codex")
                .resolve("rollout-2026-12-04T21-22-05-01a242ef-8f49-7880-9740-3cf34e06dc87.jsonl");
        Path rollout = Files.createDirectories(temp.resolve("codex/sessions/2026/12/04"))
                .resolve(recorded.getFileName());
        Files.writeString(rollout, Files.readString(recorded).replace("/tmp/cx/repo",
                sandbox.repo.toRealPath().toString()));
        write("greeting.txt", "Hello\n");
        write("README.md", "# Hello\n");
        String greeting = commitAt("2026-12-04T21:23:00Z", "Greet");

        CliRun imported = run("import", "--agent", "codex");

        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).startsWith("codex  01a242ef-8f49-7880-9740-3cf34e06dc87  ")
                .contains("-> " + greeting.substring(0, 7) + "\n").doesNotContain(Sandbox.SESSION_A);
        JsonObject explained = explain(greeting);
        assertThat(sessionIds(explained)).containsExactly("01a242ef-8f49-7880-9740-3cf34e06dc87");
        assertThat(((JsonObject) explained.findArray("sessions").orElseThrow().elements().get(0))
                .findString("agent")).contains("codex");
    }

    @Test
    void enableOffersTheImportOnceAndImportsNothingByItself() {
        CliRun enable = run("enable");

        assertThat(enable.exitCode()).as(enable.err()).isZero();
        assertThat(enable.out()).contains("Found 2 agent session(s) recorded here before Entire was enabled:"
                + " 'entire import' links them");
        assertThat(sandbox.checkpointTip()).isEmpty();
        CliRun again = run("enable");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).doesNotContain("entire import");
    }

    @Test
    void sinceLeavesOutTheSessionsThatEndedBeforeIt() {
        CliRun dryRun = run("import", "--dry-run", "--since", "2026-02-09");

        assertThat(dryRun.out()).doesNotContain(Sandbox.SESSION_A).contains(Sandbox.SESSION_B)
                .contains("Would import 1 session(s) for 2 commit(s)");
    }

    private CliRun run(String... args) {
        return CliRun.run(sandbox.repo, env, args);
    }

    private JsonObject explain(String commit) {
        CliRun explain = run("explain", commit, "--json");
        assertThat(explain.exitCode()).as(explain.err()).isZero();
        return parse(explain.out());
    }

    private static List<String> listedIds(CliRun listing) {
        assertThat(listing.exitCode()).as(listing.err()).isZero();
        return objects(new JsonReader().parse(listing.out().getBytes(StandardCharsets.UTF_8))).stream()
                .map(checkpoint -> checkpoint.findString("checkpoint_id").orElseThrow()).toList();
    }

    private static List<JsonObject> objects(JsonValue array) {
        return ((JsonArray) array).elements().stream().map(JsonObject.class::cast).toList();
    }

    private static List<String> sessionIds(JsonObject explanation) {
        return explanation.findArray("sessions").orElseThrow().elements().stream()
                .map(session -> ((JsonObject) session).findString("session_id").orElseThrow()).toList();
    }

    private static JsonObject line(JsonObject blame, int number) {
        return blame.findArray("lines").map(JsonArray::elements).orElseThrow().stream().map(JsonObject.class::cast)
                .filter(line -> line.findLong("line").orElseThrow() == number).findFirst().orElseThrow();
    }

    private static JsonObject parse(String json) {
        return new JsonReader().parseObject(json.getBytes(StandardCharsets.UTF_8));
    }

    private void write(String path, String content) {
        try {
            Path file = sandbox.repo.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commits everything, written and committed at {@code time}; returns the commit's id. */
    private String commitAt(String time, String message) {
        Git dated = sandbox.git.withVariables(Map.of("GIT_AUTHOR_DATE", time, "GIT_COMMITTER_DATE", time));
        dated.run("add", "-A");
        dated.run("commit", "-q", "-m", message);
        return sandbox.head();
    }

    /** The real transcript with the folder it was recorded in replaced by this repository, as if it ran here. */
    private void pastTranscript(String sessionId, String recordedIn) {
        try {
            String real = fixture(sessionId);
            assertThat(real).contains(recordedIn);
            sandbox.transcript(sessionId, real.replace(recordedIn, sandbox.repo.toRealPath().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fixture(String sessionId) throws IOException {
        return Files.readString(Sandbox.FIXTURES.resolve("claude-code").resolve(sessionId + ".jsonl"));
    }

    private static void writeTranscript(Path projectFolder, String sessionId, String content) throws IOException {
        Files.createDirectories(projectFolder);
        Files.writeString(projectFolder.resolve(sessionId + ".jsonl"), content);
    }
}
