package io.entire.cli;

import static io.entire.cli.ModelReply.calls;
import static io.entire.cli.ModelReply.input;
import static io.entire.cli.ModelReply.say;
import static io.entire.cli.ModelReply.tool;
import static io.entire.cli.ModelReply.usage;
import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonValue;
import io.entire.core.model.TokenUsage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real OpenCode ({@link OpenCodeCli#VERSION}) driving Entire through the plugin {@code entire enable --agent
 * opencode} installed, against a scripted Chat Completions API: every checkpoint must hold the session file the plugin
 * wrote, and its part of the session (by message index) in the prompts, files, tokens and compact transcript.
 */
class OpenCodeEndToEndTest {
    private static final String WRITE = "Create greeting.txt containing Hello";
    private static final String EDIT = "Fix the typo in README.md";
    private static final String WRITE_AND_COMMIT = "Create greeting.txt and commit it";
    private static final String DELEGATE = "Have a subagent write notes.txt";
    private static final String SUBAGENT_TASK = "Write notes.txt containing Notes";
    /** Per reply (uncached input, 0, cached input, output): the write turn's two, the edit turn's three. */
    private static final TokenUsage WRITE_TOKENS = new TokenUsage(300 + 320, 0, 1200 + 1400, 40 + 8, 2);
    private static final TokenUsage EDIT_TOKENS = new TokenUsage(400 + 420 + 440, 0, 1600 + 1700 + 1800,
            20 + 30 + 6, 3);
    /** Messages of the session after the write turn: the prompt and an assistant message per reply. */
    private static final long WRITE_TURN_MESSAGES = 3;

    @TempDir
    Path temp;

    private ChatCompletionsModelServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aWriteAndAResumedEditThenACommitAreOneCheckpointOfTheWholeSession() throws IOException {
        Setup setup = setUp();

        String sessionId = setup.openCode.run(WRITE).sessionId();
        assertThat(setup.openCode.resume(sessionId, EDIT).sessionId()).isEqualTo(sessionId);

        assertThat(Files.readString(setup.repo().resolve("greeting.txt"))).isEqualTo("Hello\n");
        assertThat(Files.readString(setup.repo().resolve("README.md"))).isEqualTo("# Hello\n");
        String checkpoint = commitByUser(setup, "Greeting and typo", "README.md", "greeting.txt");
        assertCheckpoint(setup, checkpoint, sessionId, 0, List.of(WRITE, EDIT), List.of("README.md", "greeting.txt"),
                WRITE_TOKENS.plus(EDIT_TOKENS));
        assertThat(compactTypes(setup, checkpoint)).containsExactly("user", "assistant", "assistant", "user",
                "assistant", "assistant", "assistant");
    }

    @Test
    void aResumedSessionsNextCheckpointHoldsOnlyTheNewPart() throws IOException {
        Setup setup = setUp();

        String sessionId = setup.openCode.run(WRITE).sessionId();
        String first = commitByUser(setup, "Greeting", "greeting.txt");
        assertCheckpoint(setup, first, sessionId, 0, List.of(WRITE), List.of("greeting.txt"), WRITE_TOKENS);

        setup.openCode.resume(sessionId, EDIT);
        String second = commitByUser(setup, "Typo", "README.md");

        assertThat(second).isNotEqualTo(first);
        assertCheckpoint(setup, second, sessionId, WRITE_TURN_MESSAGES, List.of(EDIT), List.of("README.md"),
                EDIT_TOKENS);
        List<JsonObject> compact = compact(setup, second);
        assertThat(compact).extracting(line -> line.member("type").stringValue()).containsExactly("user",
                "assistant", "assistant", "assistant");
        assertThat(compact.get(0).member("content").elements().get(0).member("text").stringValue()).isEqualTo(EDIT);
        assertThat(compact.get(2).member("content").elements().get(0).member("name").stringValue())
                .isEqualTo("edit");
    }

    @Test
    void aCommitTheAgentMakesInATurnIsLinkedAndFinalizedWithTheWholeTurnAtItsEnd() throws IOException {
        Setup setup = setUp();

        String sessionId = setup.openCode.run(WRITE_AND_COMMIT).sessionId();

        String checkpoint = setup.live.headCheckpoint().orElseThrow(() -> new AssertionError("the agent's commit is"
                + " not linked: " + setup.live.workspace.headMessage() + "\nmodel requests:\n" + server.log()));
        String context = "checkpoint " + checkpoint + "\nmodel requests:\n" + server.log();
        assertThat(server.problems()).as(context).isEmpty();
        assertThat(setup.live.workspace.headMessage()).as(context).startsWith("Greeting");
        JsonObject metadata = setup.live.checkpointJson(checkpoint, "0/metadata.json");
        assertThat(metadata.findString("session_id")).as(context).contains(sessionId);
        assertThat(metadata.strings("files_touched")).as(context).containsExactly("greeting.txt");
        assertThat(setup.live.checkpointFile(checkpoint, "0/prompt.txt")).as(context).isEqualTo(WRITE_AND_COMMIT);
        // The commit stored the session as the plugin wrote it before the shell call; the turn's end completed it.
        String atCommit = setup.live.show("entire/checkpoints/v1~1:" + checkpoint.substring(0, 2) + "/"
                + checkpoint.substring(2) + "/0/full.jsonl");
        assertThat(atCommit).as(context).contains("git commit -q -m Greeting").doesNotContain("Committed it.");
        assertThat(setup.live.workspace.git.run("log", "-1", "--format=%s", "entire/checkpoints/v1").text())
                .as(context).isEqualTo("Finalize transcript for Checkpoint: " + checkpoint);
        assertThat(setup.live.checkpointFile(checkpoint, "0/full.jsonl")).as(context)
                .isEqualTo(Files.readString(setup.sessionFile(sessionId)).strip()).contains("Committed it.");
    }

    @Test
    void aSessionEndsWhenOpenCodeExitsAndGoesOnWhenResumed() throws IOException {
        Setup setup = setUp();

        String sessionId = setup.openCode.run(WRITE).sessionId();

        String context = "model requests:\n" + server.log();
        assertThat(setup.live.sessionState(sessionId).findString("phase")).as(context).contains("ended");
        setup.openCode.resume(sessionId, EDIT);
        assertThat(setup.live.sessionState(sessionId).findString("phase")).as(context).contains("ended");
        String checkpoint = commitByUser(setup, "Greeting and typo", "README.md", "greeting.txt");
        assertCheckpoint(setup, checkpoint, sessionId, 0, List.of(WRITE, EDIT), List.of("README.md", "greeting.txt"),
                WRITE_TOKENS.plus(EDIT_TOKENS));
    }

    @Test
    void aSubagentsChildSessionIsStoredAsATaskOfTheCheckpoint() throws IOException {
        Setup setup = setUp();

        String sessionId = setup.openCode.run(DELEGATE).sessionId();
        String checkpoint = commitByUser(setup, "Notes", "notes.txt");

        String context = "checkpoint " + checkpoint + "\nmodel requests:\n" + server.log();
        assertThat(server.problems()).as(context).isEmpty();
        JsonObject metadata = setup.live.checkpointJson(checkpoint, "0/metadata.json");
        assertThat(metadata.strings("files_touched")).as(context).containsExactly("notes.txt");
        List<String> taskFiles = setup.live.checkpointFiles(checkpoint).stream()
                .filter(path -> path.startsWith("0/tasks/") || path.startsWith("tasks/")).toList();
        assertThat(taskFiles).as(context + "\n" + setup.live.checkpointFiles(checkpoint)).hasSize(2);
        String task = taskFiles.stream().filter(path -> path.endsWith(".jsonl")).findFirst()
                .orElseThrow(() -> new AssertionError(context + "\n" + taskFiles));
        assertThat(task).as(context).matches(".*tasks/[A-Za-z0-9_-]+/agent-ses_[A-Za-z0-9]+\\.jsonl");
        String childSession = task.substring(task.lastIndexOf("/agent-") + 7, task.length() - 6);
        assertThat(childSession).isNotEqualTo(sessionId);
        assertThat(setup.live.checkpointFile(checkpoint, task)).as(context).contains(SUBAGENT_TASK,
                "Wrote notes.txt.", "\"parentID\":\"" + sessionId + "\"");
        JsonObject usage = metadata.findObject("token_usage").orElseThrow(() -> new AssertionError(context));
        assertThat(counts(usage.member("subagent_tokens"))).as(context + "\n" + metadata)
                .isEqualTo(List.of(200L + 210, 0L, 0L, 15L + 4, 2L));
    }

    private record Setup(LiveCapture live, OpenCodeCli openCode) {
        Path repo() {
            return live.workspace.repo;
        }

        Path sessionFile(String sessionId) {
            return repo().resolve(".entire/tmp/" + sessionId + ".json");
        }
    }

    private Setup setUp() throws IOException {
        Sandbox workspace = new Sandbox(temp);
        Files.writeString(workspace.repo.resolve("README.md"), "# Helo\n");
        workspace.git.run("add", "README.md");
        workspace.commit("initial");
        LiveCapture live = new LiveCapture(workspace);
        CliRun enable = live.enable("--agent", "opencode");
        assertThat(enable.out()).contains(".opencode/plugins/entire.ts");
        Path repo = workspace.repo.toRealPath();
        server = new ChatCompletionsModelServer(new ModelScript(Map.of(
                WRITE, List.of(
                        calls(usage(300, 0, 1200, 40), tool("write", input("filePath",
                                repo.resolve("greeting.txt").toString(), "content", "Hello\n"))),
                        say("Created greeting.txt.", usage(320, 0, 1400, 8))),
                EDIT, List.of(
                        calls(usage(400, 0, 1600, 20), tool("read", input("filePath",
                                repo.resolve("README.md").toString()))),
                        calls(usage(420, 0, 1700, 30), tool("edit", input("filePath",
                                repo.resolve("README.md").toString(), "oldString", "Helo", "newString", "Hello"))),
                        say("Fixed it.", usage(440, 0, 1800, 6))),
                WRITE_AND_COMMIT, List.of(
                        calls(usage(300, 0, 1200, 40), tool("write", input("filePath",
                                repo.resolve("greeting.txt").toString(), "content", "Hello\n"))),
                        calls(usage(310, 0, 1300, 25), tool("bash", input("command",
                                "git add greeting.txt && git commit -q -m Greeting", "description", "Commit it"))),
                        say("Committed it.", usage(320, 0, 1400, 5))),
                DELEGATE, List.of(
                        calls(usage(500, 0, 0, 30), tool("task", input("description", "Write notes",
                                "prompt", SUBAGENT_TASK, "subagent_type", "general"))),
                        say("The subagent wrote notes.txt.", usage(520, 0, 0, 9))),
                SUBAGENT_TASK, List.of(
                        calls(usage(200, 0, 0, 15), tool("write", input("filePath",
                                repo.resolve("notes.txt").toString(), "content", "Notes\n"))),
                        say("Wrote notes.txt.", usage(210, 0, 0, 4))))), 30, Duration.ofMinutes(4));
        // OpenCode's home is the workspace's, so its hooks run git with the same configuration as the user's commits.
        Path home = Path.of(workspace.env().get("HOME"));
        return new Setup(live, OpenCodeCli.forRepository(workspace.repo, server, home));
    }

    /** The person commits {@code files} from a script (no terminal); the checkpoint id HEAD is linked to. */
    private String commitByUser(Setup setup, String message, String... files) {
        List<String> add = new ArrayList<>(List.of("add"));
        add.addAll(List.of(files));
        setup.live.userGit.run(add.toArray(String[]::new));
        setup.live.userGit.run("commit", "-q", "-m", message);
        return setup.live.headCheckpoint().orElseThrow(() -> new AssertionError("the commit is not linked: "
                + setup.live.workspace.headMessage() + "\nmodel requests:\n" + server.log()));
    }

    private void assertCheckpoint(Setup setup, String checkpoint, String sessionId, long transcriptStart,
            List<String> prompts, List<String> files, TokenUsage tokens) throws IOException {
        String context = "checkpoint " + checkpoint + "\nmodel requests:\n" + server.log();
        assertThat(server.problems()).as(context).isEmpty();
        assertThat(setup.live.checkpointJson(checkpoint, "metadata.json").member("sessions").elements()).as(context)
                .hasSize(1);
        JsonObject metadata = setup.live.checkpointJson(checkpoint, "0/metadata.json");
        assertThat(metadata.findString("session_id")).as(context).contains(sessionId);
        assertThat(metadata.findString("agent")).as(context).contains("OpenCode");
        assertThat(metadata.findString("model")).as(context).contains(OpenCodeCli.MODEL);
        assertThat(metadata.findLong("checkpoint_transcript_start").orElse(0L)).as(context).isEqualTo(transcriptStart);
        assertThat(setup.live.checkpointFile(checkpoint, "0/full.jsonl")).as(context)
                .isEqualTo(Files.readString(setup.sessionFile(sessionId)).strip());
        assertThat(setup.live.checkpointFile(checkpoint, "0/prompt.txt")).as(context)
                .isEqualTo(String.join("\n\n---\n\n", prompts));
        assertThat(metadata.strings("files_touched")).as(context).containsExactlyElementsOf(files);
        JsonObject usage = metadata.findObject("token_usage").orElseThrow(() -> new AssertionError(context));
        assertThat(counts(usage)).as(context + "\n" + metadata).isEqualTo(List.of(tokens.inputTokens(),
                tokens.cacheCreationTokens(), tokens.cacheReadTokens(), tokens.outputTokens(), tokens.apiCallCount()));
    }

    private List<String> compactTypes(Setup setup, String checkpoint) {
        return compact(setup, checkpoint).stream().map(line -> line.member("type").stringValue()).toList();
    }

    private static List<JsonObject> compact(Setup setup, String checkpoint) {
        return setup.live.checkpointFile(checkpoint, "0/transcript.jsonl").lines()
                .map(line -> new JsonReader().parseObject(line.getBytes(StandardCharsets.UTF_8))).toList();
    }

    private static List<Long> counts(JsonValue usage) {
        List<Long> counts = new ArrayList<>();
        for (String name : List.of("input_tokens", "cache_creation_tokens", "cache_read_tokens", "output_tokens",
                "api_call_count")) {
            counts.add(usage.member(name).truncatedLong());
        }
        return counts;
    }
}
