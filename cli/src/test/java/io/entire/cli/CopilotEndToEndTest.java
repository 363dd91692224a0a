package io.entire.cli;

import static io.entire.cli.ModelReply.calls;
import static io.entire.cli.ModelReply.input;
import static io.entire.cli.ModelReply.say;
import static io.entire.cli.ModelReply.tool;
import static io.entire.cli.ModelReply.usage;
import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.model.TokenUsage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Copilot CLI ({@link CopilotCli#VERSION}) driving Entire through the hooks {@code entire enable --agent
 * copilot} installed in {@code .github/hooks/entire.json}, against a scripted Responses API: every checkpoint must
 * hold exactly its part of the session's log, with the prompts, files and tokens of that part.
 */
class CopilotEndToEndTest {
    private static final String GREETING = "Add a greeting file";
    private static final String TYPO = "Fix the typo in README.md";
    // Per turn: the tool call and the closing text (uncached input, 0, cached input, output).
    private static final TokenUsage GREETING_TOKENS = new TokenUsage(300, 0, 2200, 48, 2);
    private static final TokenUsage TYPO_TOKENS = new TokenUsage(310, 0, 2800, 36, 2);

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

        String sessionId = setup.copilot.print(GREETING).sessionId();
        setup.copilot.resume(sessionId, TYPO);

        assertThat(Files.readString(setup.repo().resolve("README.md"))).isEqualTo("# Hello\n");
        assertThat(Files.readString(setup.repo().resolve("greeting.txt"))).isEqualTo("Hello, world\n");
        String checkpoint = commitByUser(setup, "Greeting and typo", "README.md", "greeting.txt");
        Path events = setup.copilot.events(sessionId);
        assertCheckpoint(setup, checkpoint, sessionId, 0, lines(events), List.of(GREETING, TYPO),
                List.of("README.md", "greeting.txt"), GREETING_TOKENS.plus(TYPO_TOKENS));
        assertThat(compact(setup, checkpoint)).containsExactly("user: " + GREETING, "assistant: create", "assistant",
                "user: " + TYPO, "assistant: edit", "assistant");
    }

    @Test
    void aResumedSessionsNextCheckpointHoldsOnlyTheNewPart() throws IOException {
        Setup setup = setUp();

        String sessionId = setup.copilot.print(GREETING).sessionId();
        String first = commitByUser(setup, "Greeting", "greeting.txt");
        Path events = setup.copilot.events(sessionId);
        long linesAtFirstCommit = lines(events);
        assertCheckpoint(setup, first, sessionId, 0, linesAtFirstCommit, List.of(GREETING), List.of("greeting.txt"),
                GREETING_TOKENS);

        setup.copilot.resume(sessionId, TYPO);
        String second = commitByUser(setup, "Typo", "README.md");

        assertThat(second).isNotEqualTo(first);
        assertCheckpoint(setup, second, sessionId, linesAtFirstCommit, lines(events), List.of(TYPO),
                List.of("README.md"), TYPO_TOKENS);
        assertThat(compact(setup, second)).containsExactly("user: " + TYPO, "assistant: edit", "assistant");
        assertThat(setup.live.checkpointJson(second, "0/metadata.json").findString("agent")).contains("Copilot CLI");
        CliRun explain = setup.live.run("explain", "HEAD", "--json");
        assertThat(explain.exitCode()).as(explain.err()).isZero();
        assertThat(explain.out()).contains("\"checkpoint_id\": \"" + second + "\"", "\"agent\": \"copilot-cli\"",
                "\"agent_name\": \"Copilot CLI\"", TYPO).doesNotContain(GREETING);
    }

    private record Setup(LiveCapture live, CopilotCli copilot) {
        Path repo() {
            return live.workspace.repo;
        }
    }

    private Setup setUp() throws IOException {
        Sandbox workspace = new Sandbox(temp);
        Files.writeString(workspace.repo.resolve("README.md"), "# Helo\n");
        workspace.git.run("add", "README.md");
        workspace.commit("initial");
        Path repo = workspace.repo.toRealPath();
        server = new ResponsesModelServer(ModelScript.of(
                GREETING, List.of(
                        calls(usage(100, 0, 1100, 30), tool("create", input("path", repo.resolve("greeting.txt")
                                .toString(), "file_text", "Hello, world\n"))),
                        say("I added greeting.txt.", usage(200, 0, 1100, 18))),
                TYPO, List.of(
                        calls(usage(110, 0, 1400, 24), tool("edit", input("path", repo.resolve("README.md")
                                .toString(), "old_str", "Helo", "new_str", "Hello"))),
                        say("Fixed the typo.", usage(200, 0, 1400, 12)))), 20, Duration.ofMinutes(3));
        // Copilot's home is the sandbox's HOME, the one the hooks see too.
        CopilotCli copilot = CopilotCli.forRepository(workspace.repo, server, temp);
        LiveCapture live = new LiveCapture(workspace);
        CliRun enable = live.enable("--agent", "copilot");
        assertThat(enable.out()).contains("Copilot CLI runs these hooks only in a folder it trusts");
        assertThat(workspace.repo.resolve(".github/hooks/entire.json")).isRegularFile();
        return new Setup(live, copilot);
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
        assertThat(metadata.findString("agent")).as(context).contains("Copilot CLI");
        assertThat(metadata.findString("model")).as(context).contains(CopilotCli.MODEL);
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

    /** The compact transcript, a line each: its type, and the prompt or the first tool it calls. */
    private static List<String> compact(Setup setup, String checkpoint) {
        return setup.live.checkpointFile(checkpoint, "0/transcript.jsonl").lines().map(line -> {
            JsonObject json = new JsonReader().parseObject(line.getBytes(StandardCharsets.UTF_8));
            String type = json.member("type").stringValue();
            return json.member("content").elements().stream().filter(block -> type.equals("user")
                    || block.member("type").stringValue().equals("tool_use")).findFirst()
                    .map(block -> type + ": " + (type.equals("user") ? block.member("text").stringValue()
                            : block.member("name").stringValue())).orElse(type);
        }).toList();
    }

    private static long lines(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        }
    }
}
