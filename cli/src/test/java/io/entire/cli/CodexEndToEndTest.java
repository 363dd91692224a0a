package io.entire.cli;

import static io.entire.cli.ModelReply.calls;
import static io.entire.cli.ModelReply.input;
import static io.entire.cli.ModelReply.say;
import static io.entire.cli.ModelReply.tool;
import static io.entire.cli.ModelReply.usage;
import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonNumber;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonString;
import io.entire.core.model.TokenUsage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Codex CLI ({@link CodexCli#VERSION}) driving Entire through the hooks {@code entire enable --agent codex}
 * installed and trusted, against a scripted Responses API: every checkpoint must hold exactly its part of the
 * session's rollout, with the prompts, files and tokens of that part.
 */
class CodexEndToEndTest {
    private static final String GREETING = CodexClientTest.GREETING;
    private static final String TYPO = CodexClientTest.TYPO;
    private static final String DELEGATE = "Have a subagent write child.txt";
    private static final String SUBAGENT_TASK = "Write child.txt containing hello from child";
    // Per turn: the apply_patch call and the closing text (uncached input, 0, cached input, output).
    private static final TokenUsage GREETING_TOKENS = new TokenUsage(300, 0, 2200, 48, 2);
    private static final TokenUsage TYPO_TOKENS = new TokenUsage(300, 0, 2800, 36, 2);

    @TempDir
    Path temp;

    private ResponsesModelServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aTurnThatWritesAndAResumedOneThatEditsAreOneCheckpointOfTheCommit() throws IOException {
        Setup setup = setUp();

        String sessionId = setup.codex.exec(GREETING).sessionId();
        setup.codex.resume(sessionId, TYPO);

        assertThat(Files.readString(setup.repo().resolve("README.md"))).isEqualTo("# Hello\n");
        String checkpoint = commitByUser(setup, "Greeting and typo", "README.md", "greeting.txt");
        Path rollout = setup.codex.rollout(sessionId);
        assertCheckpoint(setup, checkpoint, sessionId, 0, lines(rollout), List.of(GREETING, TYPO),
                List.of("README.md", "greeting.txt"), GREETING_TOKENS.plus(TYPO_TOKENS));
    }

    @Test
    void aResumedSessionsNextCheckpointHoldsOnlyTheNewPart() throws IOException {
        Setup setup = setUp();

        String sessionId = setup.codex.exec(GREETING).sessionId();
        String first = commitByUser(setup, "Greeting", "greeting.txt");
        Path rollout = setup.codex.rollout(sessionId);
        long linesAtFirstCommit = lines(rollout);
        assertCheckpoint(setup, first, sessionId, 0, linesAtFirstCommit, List.of(GREETING), List.of("greeting.txt"),
                GREETING_TOKENS);

        setup.codex.resume(sessionId, TYPO);
        String second = commitByUser(setup, "Typo", "README.md");

        assertThat(second).isNotEqualTo(first);
        assertCheckpoint(setup, second, sessionId, linesAtFirstCommit, lines(rollout), List.of(TYPO),
                List.of("README.md"), TYPO_TOKENS);
        assertThat(setup.live.checkpointJson(second, "0/metadata.json").findString("agent")).contains("Codex");
    }

    @Test
    void aSpawnedSubagentsRolloutIsStoredAsATaskOfTheSpawnCall() throws IOException {
        Setup setup = setUp(ModelScript.of(
                DELEGATE, List.of(
                        calls(usage(200, 0, 1000, 40), tool("spawn_agent", input("message", SUBAGENT_TASK))),
                        // Without the wait the parent's turn ends, and codex exec exits, before the child runs.
                        calls(usage(100, 0, 1200, 10), tool("wait_agent", input("targets",
                                new JsonArray(List.of(new JsonString(ResponsesModelServer.SPAWNED_AGENT))),
                                "timeout_ms", JsonNumber.of(60_000)))),
                        say("The subagent wrote child.txt.", usage(100, 0, 1300, 6))),
                SUBAGENT_TASK, List.of(
                        calls(usage(100, 0, 800, 30), tool("exec_command", input("cmd",
                                CodexCli.applyPatch("*** Add File: child.txt", "+hello from child")))),
                        say("Wrote child.txt.", usage(100, 0, 900, 5)))));

        String sessionId = setup.codex.exec(DELEGATE).sessionId();
        String checkpoint = commitByUser(setup, "Child file", "child.txt");

        String context = "checkpoint " + checkpoint + "\nmodel requests:\n" + server.log();
        assertThat(server.problems()).as(context).isEmpty();
        Path parentRollout = setup.codex.rollout(sessionId);
        String spawnCall = Files.readAllLines(parentRollout).stream()
                .filter(line -> line.contains("\"CollabAgentToolCall\"") && line.contains("\"spawn_agent\""))
                .map(line -> new JsonReader().parse(line.getBytes(StandardCharsets.UTF_8)).member("payload")
                        .member("item"))
                .findFirst().orElseThrow(() -> new AssertionError(context + "\nno spawn in " + parentRollout))
                .member("id").stringValue();
        List<String> taskFiles = setup.live.checkpointFiles(checkpoint).stream()
                .filter(path -> path.contains("tasks/")).toList();
        String task = taskFiles.stream().filter(path -> path.endsWith(".jsonl")).findFirst()
                .orElseThrow(() -> new AssertionError(context + "\n" + setup.live.checkpointFiles(checkpoint)));
        assertThat(task).as(context).matches("(0/)?tasks/" + spawnCall + "/agent-[0-9a-f-]+\\.jsonl");
        String childThread = task.substring(task.lastIndexOf("/agent-") + 7, task.length() - 6);
        assertThat(setup.live.checkpointFile(checkpoint, task)).as(context).contains(SUBAGENT_TASK,
                "Wrote child.txt.", "\"parent_thread_id\":\"" + sessionId + "\"", childThread);
        JsonObject usage = setup.live.checkpointJson(checkpoint, "0/metadata.json").findObject("token_usage")
                .orElseThrow(() -> new AssertionError(context));
        JsonObject subagent = usage.findObject("subagent_tokens").orElseThrow(() -> new AssertionError(context
                + "\n" + usage));
        assertThat(List.of(subagent.findLong("input_tokens").orElse(0L), subagent.findLong("cache_read_tokens")
                .orElse(0L), subagent.findLong("output_tokens").orElse(0L), subagent.findLong("api_call_count")
                .orElse(0L))).as(context + "\n" + usage)
                .isEqualTo(List.of(200L, 1700L, 35L, 2L));
    }

    private record Setup(LiveCapture live, CodexCli codex) {
        Path repo() {
            return live.workspace.repo;
        }
    }

    private Setup setUp() throws IOException {
        return setUp(CodexClientTest.greetingThenTypo());
    }

    private Setup setUp(ModelScript script) throws IOException {
        server = new ResponsesModelServer(script, 20, Duration.ofMinutes(3));
        Sandbox workspace = new Sandbox(temp);
        Files.writeString(workspace.repo.resolve("README.md"), "# Helo\n");
        workspace.git.run("add", "README.md");
        workspace.commit("initial");
        // Codex's home is $HOME/.codex, with HOME the one enable runs with too, so enable's trust record lands there.
        CodexCli codex = CodexCli.forRepository(workspace.repo, server, temp, Map.of());
        // Codex 0.171 offers spawn_agent only with its multi-agent feature on.
        Files.writeString(codex.codexHome().resolve("config.toml"), "\n[features]\nmulti_agent = true\n",
                StandardOpenOption.APPEND);
        LiveCapture live = new LiveCapture(workspace);
        CliRun enable = live.enable("--agent", "codex");
        assertThat(enable.out()).contains("trusted");
        return new Setup(live, codex);
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
            long transcriptLines, List<String> prompts, List<String> files, TokenUsage tokens) {
        String context = "checkpoint " + checkpoint + "\nmodel requests:\n" + server.log();
        assertThat(server.problems()).as(context).isEmpty();
        assertThat(setup.live.checkpointJson(checkpoint, "metadata.json").member("sessions").elements()).as(context)
                .hasSize(1);
        JsonObject metadata = setup.live.checkpointJson(checkpoint, "0/metadata.json");
        assertThat(metadata.findString("session_id")).as(context).contains(sessionId);
        assertThat(metadata.findString("agent")).as(context).contains("Codex");
        assertThat(metadata.findString("model")).as(context).contains(CodexCli.MODEL);
        assertThat(metadata.findLong("checkpoint_transcript_start").orElse(0L)).as(context).isEqualTo(transcriptStart);
        assertThat(setup.live.checkpointFile(checkpoint, "0/full.jsonl").lines().count()).as(context)
                .isEqualTo(transcriptLines);
        assertThat(setup.live.checkpointFile(checkpoint, "0/prompt.txt")).as(context)
                .isEqualTo(String.join("\n\n---\n\n", prompts));
        assertThat(metadata.strings("files_touched")).as(context).containsExactlyElementsOf(files);
        JsonObject usage = metadata.findObject("token_usage").orElseThrow(() -> new AssertionError(context));
        assertThat(List.of(usage.findLong("input_tokens").orElse(0L), usage.findLong("cache_creation_tokens")
                .orElse(0L), usage.findLong("cache_read_tokens").orElse(0L), usage.findLong("output_tokens").orElse(0L),
                usage.findLong("api_call_count").orElse(0L))).as(context + "\n" + metadata)
                .isEqualTo(List.of(tokens.inputTokens(), tokens.cacheCreationTokens(), tokens.cacheReadTokens(),
                        tokens.outputTokens(), tokens.apiCallCount()));
    }

    private static long lines(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        }
    }
}
