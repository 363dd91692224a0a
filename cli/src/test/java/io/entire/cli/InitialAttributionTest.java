package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.Git;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonNumber;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonValue;
import io.entire.core.json.JsonWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * post-commit stores who wrote each line the commit added ({@code initial_attribution} in the session's metadata), and
 * blame and explain read it instead of the transcript: a session rewrote a person's {@code greet.py} with its Write
 * tool, then the person reworded one of its lines and added one of their own before committing.
 */
class InitialAttributionTest {
    private static final String PROMPT = "Write the greeter";

    @TempDir
    Path temp;
    LiveCapture live;
    Sandbox workspace;
    String checkpoint;

    @BeforeEach
    void commitTheSessionsWorkAfterAPersonsEdits() throws IOException {
        live = LiveCapture.enabledWithReadme(temp.resolve("work"));
        workspace = live.workspace;
        Files.writeString(workspace.repo.resolve("greet.py"), "def greet(name):\n    pass\n");
        live.userGit.run("add", "greet.py");
        live.userGit.run("commit", "-q", "-m", "Stub the greeter");
        ClaudeSession session = new ClaudeSession(workspace, Sandbox.SESSION_A);
        session.prompt(PROMPT).write("greet.py", "def greet(name):\n    message = 'Hello, ' + name\n"
                + "    return message\n").say("Wrote the greeter.");
        assertThat(session.stop().exitCode()).isZero();
        Files.writeString(workspace.repo.resolve("greet.py"), "import sys\ndef greet(name):\n"
                + "    message = 'Hello there, ' + name\n    return message\n");
        live.agentGit.run("add", "greet.py");
        live.agentGit.run("commit", "-q", "-m", "Add the greeter");
        checkpoint = live.headCheckpoint().orElseThrow();
    }

    @Test
    void postCommitStoresTheGoTotalsAndTheSpansOfEachFile() {
        JsonObject attribution = live.checkpointJson(checkpoint, "0/metadata.json").findObject("initial_attribution")
                .orElseThrow();

        assertThat(List.of("agent_lines", "human_added", "human_modified", "human_removed", "total_committed")
                .stream().map(key -> attribution.findLong(key).orElseThrow()).toList())
                .containsExactly(1L, 1L, 1L, 0L, 3L);
        assertThat(attribution.find("agent_percentage")).contains(new JsonNumber("33.3"));
        assertThat(attribution.findString("calculated_at")).isPresent();
        assertThat(attribution.findString("tree")).contains(workspace.git.run("rev-parse", "HEAD^{tree}").text()
                .strip());
        assertThat(attribution.strings("prompts")).containsExactly(PROMPT);
        List<JsonValue> files = attribution.findArray("files").orElseThrow().elements();
        assertThat(files).hasSize(1);
        JsonObject file = (JsonObject) files.get(0);
        assertThat(file.findString("path")).contains("greet.py");
        assertThat(List.of(file.findLong("added_lines"), file.findLong("removed_lines")))
                .containsExactly(Optional.of(3L), Optional.of(1L));
        assertThat(spans(file, "agent")).containsExactly("4-4 p0");
        assertThat(spans(file, "human_edited")).containsExactly("3-3 p0");
    }

    @Test
    void blameReadsTheStoredVerdictsWithoutTheTranscript() throws IOException {
        rewriteCheckpointFile("0/full.jsonl", Optional.empty());

        assertExactVerdicts();
    }

    @Test
    void blameAndExplainJudgeFromTheTranscriptWhenNoAttributionWasStored() throws IOException {
        JsonObject metadata = live.checkpointJson(checkpoint, "0/metadata.json");
        Map<String, JsonValue> members = new LinkedHashMap<>(metadata.members());
        members.remove("initial_attribution");
        rewriteCheckpointFile("0/metadata.json", Optional.of(new String(JsonWriter.pretty(new JsonObject(members)),
                StandardCharsets.UTF_8)));
        assertThat(live.checkpointJson(checkpoint, "0/metadata.json").find("initial_attribution")).isEmpty();

        assertExactVerdicts();
    }

    @Test
    void attributionStoredForAnotherTreeIsNotUsed() throws IOException {
        // The stored spans hold for the tree they were worked out on; an amend that changes the tree falls back.
        Files.writeString(workspace.repo.resolve("greet.py"), "import os\ndef greet(name):\n"
                + "    message = 'Hello there, ' + name\n    return message\n");
        live.userGit.run("commit", "-q", "-a", "--amend", "--no-edit");
        rewriteCheckpointFile("0/full.jsonl", Optional.empty());

        CliRun blame = workspace.run("blame", "greet.py", "--json");

        assertThat(blame.exitCode()).as(blame.err()).isZero();
        assertThat(authors(blame)).containsExactly("human", "human", "human", "human");
    }

    private void assertExactVerdicts() {
        CliRun blame = workspace.run("blame", "greet.py", "--json");

        assertThat(blame.exitCode()).as(blame.err()).isZero();
        assertThat(authors(blame)).containsExactly("human", "human", "human_edited", "agent");
        JsonObject last = lines(blame).get(3);
        assertThat(last.findString("session_id")).contains(Sandbox.SESSION_A);
        assertThat(last.findString("prompt")).contains(PROMPT);
        assertThat(last.findString("agent")).contains("Claude Code");
        CliRun explain = workspace.run("explain", "--json");
        assertThat(explain.exitCode()).as(explain.err()).isZero();
        JsonObject commit = (JsonObject) parse(explain.out()).findArray("attribution").orElseThrow().elements().get(0);
        JsonObject file = (JsonObject) commit.findArray("files").orElseThrow().elements().get(0);
        assertThat(List.of(file.findLong("agent_lines"), file.findLong("human_edited_lines"),
                file.findLong("human_lines"), file.findLong("removed_lines")))
                .containsExactly(Optional.of(1L), Optional.of(1L), Optional.of(1L), Optional.of(1L));
    }

    /** Replaces (or, given nothing, removes) one file of the checkpoint on the v1 branch, as another writer would. */
    private void rewriteCheckpointFile(String file, Optional<String> content) throws IOException {
        Git git = workspace.git.withVariables(Map.of("GIT_INDEX_FILE", temp.resolve("rewrite-index").toString()));
        String path = checkpoint.substring(0, 2) + "/" + checkpoint.substring(2) + "/" + file;
        git.run("read-tree", "entire/checkpoints/v1");
        if (content.isPresent()) {
            Path blob = Files.writeString(temp.resolve("blob"), content.get());
            String id = git.run("hash-object", "-w", blob.toString()).text().strip();
            git.run("update-index", "--cacheinfo", "100644," + id + "," + path);
        } else {
            git.run("update-index", "--force-remove", path);
        }
        String tree = git.run("write-tree").text().strip();
        String commit = git.run("commit-tree", tree, "-p", "entire/checkpoints/v1", "-m", "Rewritten by hand")
                .text().strip();
        git.run("update-ref", "refs/heads/entire/checkpoints/v1", commit);
    }

    private static List<String> spans(JsonObject file, String key) {
        return file.findArray(key).orElseThrow().elements().stream().map(JsonObject.class::cast)
                .map(span -> span.findLong("start").orElseThrow() + "-" + span.findLong("end").orElseThrow() + " p"
                        + span.findLong("prompt").orElseThrow()).toList();
    }

    private static List<String> authors(CliRun blame) {
        return lines(blame).stream().map(line -> line.findString("author").orElseThrow()).toList();
    }

    private static List<JsonObject> lines(CliRun blame) {
        return parse(blame.out()).findArray("lines").map(JsonArray::elements).orElseThrow().stream()
                .map(JsonObject.class::cast).toList();
    }

    private static JsonObject parse(String json) {
        return new JsonReader().parseObject(json.getBytes(StandardCharsets.UTF_8));
    }
}
