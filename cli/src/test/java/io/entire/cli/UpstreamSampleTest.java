package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read commands over the 40 real checkpoints the Go implementation wrote. */
class UpstreamSampleTest {
    @TempDir
    static Path temp;
    static Path repo;

    @BeforeAll
    static void cloneSample() {
        repo = cloneSample("sample");
    }

    private static Path cloneSample(String name) {
        io.entire.core.git.Git parent = new io.entire.core.git.Git(temp);
        parent.run("clone", "-q", "-b", "main", Sandbox.FIXTURES.resolve("upstream-v1-sample.bundle").toString(),
                name);
        Path clone = temp.resolve(name);
        new io.entire.core.git.Git(clone).run("branch", "-q", "entire/checkpoints/v1",
                "origin/entire/checkpoints/v1");
        return clone;
    }

    @Test
    void explainFindsTheLinkedCommitsWhileHeadIsAnUnbornBranch() {
        Path clone = cloneSample("unborn");
        io.entire.core.git.Git git = new io.entire.core.git.Git(clone);
        String commit = git.run("rev-parse", "main").text();
        String id = git.run("log", "-1", "--format=%(trailers:key=Entire-Checkpoint,valueonly)", commit).text().strip();
        git.run("checkout", "-q", "--orphan", "fresh");

        CliRun explain = CliRun.run(clone, Map.of(), "explain", id, "--json");

        assertThat(explain.exitCode()).as(explain.err()).isZero();
        JsonObject json = new JsonReader().parseObject(explain.out().getBytes(StandardCharsets.UTF_8));
        assertThat(json.findArray("commits").orElseThrow().elements()).extracting(
                element -> ((JsonObject) element).findString("commit").orElseThrow()).contains(commit);
    }

    @Test
    void aTeammatesFreshCloneReadsTheRemoteTrackingCopyOfTheBranch() {
        Path clone = cloneSample("fresh");
        io.entire.core.git.Git git = new io.entire.core.git.Git(clone);
        git.run("branch", "-q", "-D", "entire/checkpoints/v1");
        String commit = git.run("rev-parse", "main").text();

        CliRun explain = CliRun.run(clone, Map.of(), "explain", commit, "--json");

        assertThat(explain.exitCode()).as(explain.err()).isZero();
        JsonObject json = new JsonReader().parseObject(explain.out().getBytes(StandardCharsets.UTF_8));
        assertThat(json.findString("store")).contains("branch");
        assertThat(json.findArray("commits").orElseThrow().elements()).extracting(
                element -> ((JsonObject) element).findString("subject").orElseThrow())
                .containsExactly(git.run("log", "-1", "--format=%s", commit).text());
        assertThat(CliRun.run(clone, Map.of(), "checkpoint", "list").out().lines()).hasSize(40);
    }

    @Test
    void theRawTranscriptOfACommitWithSeveralTrailersComesFromTheFirstStoredOne() {
        Path clone = cloneSample("trailers");
        io.entire.core.git.Git git = new io.entire.core.git.Git(clone);
        git.run("-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "--allow-empty", "-m",
                "Squashed\n\nEntire-Checkpoint: 000000000000\nEntire-Checkpoint: 0e053674f90a");

        CliRun raw = CliRun.run(clone, Map.of(), "explain", "HEAD", "--raw-transcript");

        assertThat(raw.exitCode()).as(raw.err()).isZero();
        assertThat(raw.out()).isEqualTo(CliRun.run(clone, Map.of(), "explain", "0e053674f90a", "--raw-transcript")
                .out()).isNotEmpty();
    }

    @Test
    void listShowsFortyCheckpointsWithTheRequiredFields() {
        CliRun list = CliRun.run(repo, Map.of(), "checkpoint", "list", "--json");
        assertThat(list.exitCode()).as(list.err()).isZero();
        List<JsonValue> elements = ((JsonArray) new JsonReader().parse(list.out().getBytes(StandardCharsets.UTF_8)))
                .elements();
        assertThat(elements).hasSize(40);
        for (JsonValue element : elements) {
            assertThat(((JsonObject) element).members()).containsKeys("checkpoint_id", "created_at", "branch",
                    "session_count", "files_touched");
        }
        assertThat(CliRun.run(repo, Map.of(), "checkpoint", "list").out().lines()).hasSize(40);
    }

    @Test
    void explainWorksOnEveryIdAndOnEveryLinkedCommit() {
        io.entire.core.git.Git git = new io.entire.core.git.Git(repo);
        List<String> commits = git.run("log", "--format=%H", "main").text().lines().toList();
        assertThat(commits).hasSizeGreaterThanOrEqualTo(40);
        int mismatches = 0;
        for (String commit : commits) {
            String id = git.run("log", "-1", "--format=%(trailers:key=Entire-Checkpoint,valueonly)", commit).text()
                    .strip();
            CliRun byCommit = CliRun.run(repo, Map.of(), "explain", commit, "--json");
            CliRun byId = CliRun.run(repo, Map.of(), "explain", id, "--json");
            assertThat(byCommit.exitCode()).as(byCommit.err()).isZero();
            assertThat(byId.out()).isEqualTo(byCommit.out());
            JsonObject json = new JsonReader().parseObject(byCommit.out().getBytes(StandardCharsets.UTF_8));
            assertThat(json.findString("checkpoint_id")).contains(id);
            assertThat(json.findString("store")).contains("branch");
            assertThat(json.findArray("commits").orElseThrow().elements()).extracting(
                    element -> ((JsonObject) element).findString("commit").orElseThrow()).contains(commit);
            for (JsonValue session : json.findArray("sessions").orElseThrow().elements()) {
                assertThat(((JsonObject) session).members()).containsKeys("session_id", "agent", "model", "prompts",
                        "content_hash");
                if (((JsonObject) session).findString("content_hash").orElseThrow().equals("mismatch")) {
                    mismatches++;
                }
            }
        }
        assertThat(mismatches).as("the five stale hashes of the real sample").isEqualTo(5);
        assertThat(CliRun.run(repo, Map.of(), "explain", "f6a4").out()).contains("Checkpoint f6a415abf2b0");
    }

    @Test
    void explainShowsACheckpointWhoseTranscriptAPartialCloneNeverFetched() throws IOException {
        io.entire.core.git.Git parent = new io.entire.core.git.Git(temp);
        parent.run("clone", "-q", "--bare", Sandbox.FIXTURES.resolve("upstream-v1-sample.bundle").toString(),
                "partial-remote.git");
        new io.entire.core.git.Git(temp.resolve("partial-remote.git")).run("config", "uploadpack.allowFilter", "true");
        parent.run("clone", "-q", "--filter=blob:none", "-b", "main",
                temp.resolve("partial-remote.git").toUri().toString(), "partial");
        Path clone = temp.resolve("partial");
        io.entire.core.git.Git git = new io.entire.core.git.Git(clone);
        git.run("branch", "-q", "entire/checkpoints/v1", "origin/entire/checkpoints/v1");
        String folder = "entire/checkpoints/v1:0e/053674f90a/";
        // What a clone that explained the checkpoint before holds: every file of it but the transcripts.
        git.run("ls-tree", "-r", "--name-only", folder).text().lines().filter(path -> !path.contains("full.jsonl"))
                .forEach(path -> git.run("cat-file", "-e", folder + path));
        Files.move(temp.resolve("partial-remote.git"), temp.resolve("partial-remote-offline.git"));

        CliRun json = CliRun.run(clone, Map.of(), "explain", "0e053674f90a", "--json");
        CliRun text = CliRun.run(clone, Map.of(), "explain", "0e053674f90a");

        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonObject session = (JsonObject) new JsonReader().parseObject(json.out().getBytes(StandardCharsets.UTF_8))
                .findArray("sessions").orElseThrow().elements().get(0);
        assertThat(session.findString("content_hash")).contains("missing");
        assertThat(session.findArray("prompts").orElseThrow().elements()).isNotEmpty();
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("Checkpoint 0e053674f90a", "prompt 1: ", "transcript: missing");
        CliRun raw = CliRun.run(clone, Map.of(), "explain", "0e053674f90a", "--raw-transcript");
        assertThat(raw.exitCode()).isEqualTo(1);
        assertThat(raw.err()).contains("raw transcript of session slot 0", "is missing from this repository");
    }
}
