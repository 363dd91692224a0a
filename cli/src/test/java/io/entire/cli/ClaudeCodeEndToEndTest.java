package io.entire.cli;

import static io.entire.cli.ModelReply.calls;
import static io.entire.cli.ModelReply.input;
import static io.entire.cli.ModelReply.say;
import static io.entire.cli.ModelReply.tool;
import static io.entire.cli.ModelReply.usage;
import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.agent.claudecode.ClaudeTranscriptLocator;
import io.entire.core.json.JsonBoolean;
import io.entire.core.json.JsonObject;
import io.entire.core.model.TokenUsage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Claude Code CLI ({@link ClaudeCode#VERSION}) driving Entire through the hooks {@code entire enable}
 * installed, against a scripted model: every checkpoint must hold exactly its part of the session, with the
 * prompts, files and tokens of that part.
 */
class ClaudeCodeEndToEndTest {
    private static final String GREETING = "Add a greeting file";
    private static final String FAREWELL = "Add a farewell file too";
    @TempDir
    Path temp;

    private ScriptedModelServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aPrintRunThatWritesAndEditsIsOneCheckpointOfTheUsersCommit() throws IOException {
        String prompt = "Add a greeting file and fix the typo in README.md";
        Setup setup = setUp(ModelScript.of(prompt, List.of(
                calls(usage(10, 200, 0, 30),
                        tool("Write", input("file_path", path("greeting.txt"), "content", "Hello\n")),
                        tool("Read", input("file_path", path("README.md")))),
                calls(usage(12, 40, 200, 25), tool("Edit", input("file_path", path("README.md"), "old_string", "Helo",
                        "new_string", "Hello"))),
                say("Added greeting.txt and fixed the typo.", usage(14, 30, 240, 8)))));

        ClaudeCode.Run run = setup.claude.print(prompt);

        assertThat(Files.readString(setup.repo().resolve("README.md"))).isEqualTo("# Hello world\n");
        String checkpoint = commitByUser(setup, "Greeting", "README.md", "greeting.txt");
        Path transcript = setup.transcript(run.sessionId());
        assertCheckpoint(setup, checkpoint, run.sessionId(), 0, lines(transcript), List.of(prompt),
                List.of("README.md", "greeting.txt"), new TokenUsage(36, 270, 440, 63, 3));
    }

    @Test
    void anAgentCommitThroughBashIsLinkedAndFinalizedWithTheWholeTurnAtStop() throws IOException {
        String prompt = "Write release notes and commit them";
        Setup setup = setUp(ModelScript.of(prompt, List.of(
                calls(usage(20, 300, 0, 40), tool("Write", input("file_path", path("NOTES.md"), "content",
                        "# Notes\nFirst release.\n"))),
                calls(usage(22, 50, 300, 35), tool("Bash", input("command",
                        "git add NOTES.md && git commit -q -m 'Add release notes'", "description",
                        "Commit the release notes"))),
                say("Committed the release notes.", usage(24, 20, 350, 9)))));

        ClaudeCode.Run run = setup.claude.print(prompt);

        assertThat(setup.live.workspace.headMessage()).startsWith("Add release notes");
        String checkpoint = setup.live.headCheckpoint().orElseThrow(() -> new AssertionError(
                "the agent's commit is not linked: " + setup.live.workspace.headMessage() + "\n" + server.log()));
        Path transcript = setup.transcript(run.sessionId());
        assertCheckpoint(setup, checkpoint, run.sessionId(), 0, linesBeforeStopHook(transcript), List.of(prompt),
                List.of("NOTES.md"), new TokenUsage(66, 370, 650, 84, 3));
        assertThat(setup.live.workspace.git.run("log", "-1", "--format=%s", "entire/checkpoints/v1").text())
                .isEqualTo("Finalize transcript for Checkpoint: " + checkpoint);
    }

    @Test
    void aSessionCommittedBetweenItsTurnsIsCheckpointedTurnByTurn() throws IOException {
        String first = GREETING;
        String second = FAREWELL;
        Setup setup = setUp(greetingThenFarewell());

        try (ClaudeConversation session = setup.claude.converse(temp.resolve("claude-stderr.txt"))) {
            String sessionId = session.send(first).member("session_id").stringValue();
            String firstCheckpoint = commitByUser(setup, "Greeting", "greeting.txt");
            Path transcript = setup.transcript(sessionId);
            long linesAtFirstCommit = lines(transcript);
            assertCheckpoint(setup, firstCheckpoint, sessionId, 0, linesAtFirstCommit, List.of(first),
                    List.of("greeting.txt"), new TokenUsage(21, 110, 100, 25, 2));

            session.send(second);
            String secondCheckpoint = commitByUser(setup, "Farewell", "farewell.txt");

            assertCheckpoint(setup, secondCheckpoint, sessionId, linesAtFirstCommit, lines(transcript),
                    List.of(second), List.of("farewell.txt"), new TokenUsage(61, 65, 1060, 28, 2));
        }
    }

    @Test
    void theTurnABackgroundAgentsResultStartsAddsNoPrompt() throws IOException {
        String prompt = "Write the notes and have a background agent review them";
        String task = "Review NOTES.md";
        Setup setup = setUp(ModelScript.of(
                prompt, List.of(
                        calls(usage(20, 300, 0, 40),
                                tool("Write", input("file_path", path("NOTES.md"), "content", "# Notes\n")),
                                tool("Agent", input("description", "Review the notes", "prompt", task,
                                        "subagent_type", "general-purpose", "run_in_background",
                                        new JsonBoolean(true)))),
                        say("Wrote the notes; a background agent reviews them.", usage(22, 40, 300, 12)),
                        say("The review found nothing to change.", usage(24, 30, 340, 8))),
                task, List.of(say("Nothing to change.", usage(5, 50, 0, 4)))));

        ClaudeCode.Run run = setup.claude.print(prompt);

        Path transcript = setup.transcript(run.sessionId());
        assertThat(Files.readString(transcript)).as("Claude Code started a turn for the notification")
                .contains("\"turnOrigin\":\"task_notification\"");
        String checkpoint = commitByUser(setup, "Notes", "NOTES.md");
        JsonObject metadata = setup.live.checkpointJson(checkpoint, "0/metadata.json");
        assertThat(setup.live.checkpointFile(checkpoint, "0/prompt.txt")).as(server.log()).isEqualTo(prompt);
        assertThat(metadata.strings("files_touched")).containsExactly("NOTES.md");
        assertThat(counts(metadata.findObject("token_usage").orElseThrow()).subList(0, 5)).as(server.log())
                .isEqualTo(counts(new TokenUsage(66, 370, 640, 60, 3)));
    }

    @Test
    void theCheckpointAfterAFinalizedAgentCommitStartsWhereTheFinalizedOneEnded() throws IOException {
        String first = "Write release notes and commit them";
        String second = "Add a changelog";
        Setup setup = setUp(ModelScript.of(
                first, List.of(
                        calls(usage(20, 300, 0, 40), tool("Write", input("file_path", path("NOTES.md"), "content",
                                "# Notes\nFirst release.\n"))),
                        calls(usage(22, 50, 300, 35), tool("Bash", input("command",
                                "git add NOTES.md && git commit -q -m 'Add release notes'", "description",
                                "Commit the release notes"))),
                        say("Committed the release notes.", usage(24, 20, 350, 9))),
                second, List.of(
                        calls(usage(50, 70, 700, 33), tool("Write", input("file_path", path("CHANGELOG.md"), "content",
                                "- release notes\n"))),
                        say("Added the changelog.", usage(51, 6, 770, 7)))));

        try (ClaudeConversation session = setup.claude.converse(temp.resolve("claude-stderr.txt"))) {
            String sessionId = session.send(first).member("session_id").stringValue();
            String finalized = setup.live.headCheckpoint().orElseThrow(() -> new AssertionError(
                    "the agent's commit is not linked: " + setup.live.workspace.headMessage() + "\n" + server.log()));
            Path transcript = setup.transcript(sessionId);
            long linesAtStop = linesBeforeStopHook(transcript);
            assertCheckpoint(setup, finalized, sessionId, 0, linesAtStop, List.of(first), List.of("NOTES.md"),
                    new TokenUsage(66, 370, 650, 84, 3));

            session.send(second);
            String next = commitByUser(setup, "Changelog", "CHANGELOG.md");

            assertThat(next).isNotEqualTo(finalized);
            assertCheckpoint(setup, next, sessionId, linesAtStop, lines(transcript), List.of(second),
                    List.of("CHANGELOG.md"), new TokenUsage(101, 76, 1470, 40, 2));
        }
    }

    @Test
    void aResumedPrintRunIsCheckpointedFromWhereTheCommittedRunEnded() throws IOException {
        String first = GREETING;
        String second = FAREWELL;
        Setup setup = setUp(greetingThenFarewell());

        ClaudeCode.Run run = setup.claude.print(first);
        String firstCheckpoint = commitByUser(setup, "Greeting", "greeting.txt");
        Path transcript = setup.transcript(run.sessionId());
        long linesAtFirstCommit = lines(transcript);
        assertCheckpoint(setup, firstCheckpoint, run.sessionId(), 0, linesAtFirstCommit, List.of(first),
                List.of("greeting.txt"), new TokenUsage(21, 110, 100, 25, 2));

        ClaudeCode.Run resumed = setup.claude.resume(run.sessionId(), second);
        assertThat(resumed.sessionId()).isEqualTo(run.sessionId());
        String secondCheckpoint = commitByUser(setup, "Farewell", "farewell.txt");

        assertThat(secondCheckpoint).isNotEqualTo(firstCheckpoint);
        assertCheckpoint(setup, secondCheckpoint, run.sessionId(), linesAtFirstCommit, lines(transcript),
                List.of(second), List.of("farewell.txt"), new TokenUsage(61, 65, 1060, 28, 2));
    }

    @Test
    void aTrackedFileEditedThroughSedInBashIsLinked() throws IOException {
        String prompt = "Fix the README typo with sed";
        Setup setup = setUp(ModelScript.of(prompt, List.of(
                calls(usage(15, 120, 0, 18), tool("Bash", input("command", "sed -i 's/Helo/Hello/' README.md",
                        "description", "Fix the typo in the README"))),
                say("Fixed the typo with sed.", usage(16, 8, 120, 7)))));

        ClaudeCode.Run run = setup.claude.print(prompt);

        assertThat(Files.readString(setup.repo().resolve("README.md"))).isEqualTo("# Hello world\n");
        String checkpoint = commitByUser(setup, "Fix typo", "README.md");
        assertCheckpoint(setup, checkpoint, run.sessionId(), 0, lines(setup.transcript(run.sessionId())),
                List.of(prompt), List.of("README.md"), new TokenUsage(31, 128, 120, 25, 2));
    }

    @Test
    void aFileOnlyASubagentEditedIsLinkedWithTheSubagentsTranscript() throws IOException {
        String prompt = "Have a subagent fix the README typo";
        String task = "Fix the typo Helo in README.md";
        Setup setup = setUp(ModelScript.of(
                prompt, List.of(
                        calls(usage(40, 400, 0, 50), tool("Agent", input("description", "Fix the README typo", "prompt",
                                task, "subagent_type", "general-purpose", "run_in_background",
                                new JsonBoolean(false)))),
                        say("The subagent fixed the typo.", usage(42, 30, 400, 9))),
                task, List.of(
                        calls(usage(5, 80, 0, 12), tool("Read", input("file_path", path("README.md")))),
                        calls(usage(6, 10, 80, 14), tool("Edit", input("file_path", path("README.md"), "old_string",
                                "Helo", "new_string", "Hello"))),
                        say("Fixed.", usage(7, 4, 90, 3)))));

        ClaudeCode.Run run = setup.claude.print(prompt);

        assertThat(Files.readString(setup.repo().resolve("README.md"))).isEqualTo("# Hello world\n");
        String checkpoint = commitByUser(setup, "Fix typo", "README.md");
        Path transcript = setup.transcript(run.sessionId());
        assertCheckpoint(setup, checkpoint, run.sessionId(), 0, lines(transcript), List.of(prompt),
                List.of("README.md"), new TokenUsage(82, 430, 400, 59, 2, Optional.of(
                        new TokenUsage(18, 94, 170, 29, 3))));
        Path subagent = onlyFile(transcript.resolveSibling(run.sessionId()).resolve("subagents"));
        String agentToolUseId = toolUseId(transcript, "Agent");
        String stored = setup.live.show("entire/checkpoints/v1:" + checkpoint.substring(0, 2) + "/"
                + checkpoint.substring(2) + "/tasks/" + agentToolUseId + "/" + subagent.getFileName());
        assertThat(stored.lines().count()).isEqualTo(lines(subagent));
    }

    private record Setup(LiveCapture live, ClaudeCode claude, Path claudeConfig) {
        Path repo() {
            return live.workspace.repo;
        }

        Path transcript(String sessionId) throws IOException {
            return claudeConfig.resolve("projects").resolve(ClaudeTranscriptLocator.sanitize(repo().toRealPath()))
                    .resolve(sessionId + ".jsonl");
        }
    }

    /** The absolute path Claude Code's tools take, of a file in the repository {@link #setUp} creates. */
    private String path(String file) {
        return temp.resolve("repo").resolve(file).toString();
    }

    private Setup setUp(ModelScript script) throws IOException {
        server = new ScriptedModelServer(script, 40, Duration.ofMinutes(3));
        Sandbox workspace = new Sandbox(temp);
        Files.writeString(workspace.repo.resolve("README.md"), "# Helo world\n");
        workspace.git.run("add", "README.md");
        workspace.commit("initial");
        LiveCapture live = new LiveCapture(workspace);
        live.enable();
        Path home = Files.createDirectories(temp.resolve("home"));
        ClaudeCode claude = ClaudeCode.forRepository(workspace.repo, server, workspace.claudeConfig, home);
        return new Setup(live, claude, workspace.claudeConfig);
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

    /**
     * How long the transcript was when Claude Code ran the Stop hook of its last turn: it records the hooks' summary
     * (and a few bookkeeping lines) only after they ran.
     */
    private static long linesBeforeStopHook(Path transcript) throws IOException {
        List<String> lines = Files.readAllLines(transcript);
        for (int index = lines.size() - 1; index >= 0; index--) {
            if (lines.get(index).contains("\"subtype\":\"stop_hook_summary\"")) {
                return index;
            }
        }
        throw new AssertionError("no Stop hook summary in " + transcript);
    }

    private void assertCheckpoint(Setup setup, String checkpoint, String sessionId, long transcriptStart,
            long transcriptLines, List<String> prompts, List<String> files, TokenUsage tokens) {
        String context = "checkpoint " + checkpoint + "\nmodel requests:\n" + server.log();
        assertThat(server.problems()).as(context).isEmpty();
        assertThat(setup.live.checkpointJson(checkpoint, "metadata.json").member("sessions").elements()).as(context)
                .hasSize(1);
        JsonObject metadata = setup.live.checkpointJson(checkpoint, "0/metadata.json");
        assertThat(metadata.findString("session_id")).as(context).contains(sessionId);
        assertThat(metadata.findLong("checkpoint_transcript_start").orElse(0L)).as(context).isEqualTo(transcriptStart);
        assertThat(setup.live.checkpointFile(checkpoint, "0/full.jsonl").lines().count()).as(context)
                .isEqualTo(transcriptLines);
        assertThat(setup.live.checkpointFile(checkpoint, "0/prompt.txt")).as(context)
                .isEqualTo(String.join("\n\n---\n\n", prompts));
        assertThat(metadata.strings("files_touched")).as(context).containsExactlyElementsOf(files);
        JsonObject usage = metadata.findObject("token_usage").orElseThrow(() -> new AssertionError(context));
        assertThat(counts(usage)).as(context + "\n" + metadata).isEqualTo(counts(tokens));
    }

    /** Token counts as {@code [input, cache creation, cache read, output, api calls, subagents' counts...]}. */
    private static List<Long> counts(TokenUsage tokens) {
        List<Long> counts = new ArrayList<>(List.of(tokens.inputTokens(), tokens.cacheCreationTokens(),
                tokens.cacheReadTokens(), tokens.outputTokens(), tokens.apiCallCount()));
        tokens.subagentTokens().ifPresent(subagents -> counts.addAll(counts(subagents)));
        return counts;
    }

    private static List<Long> counts(JsonObject usage) {
        List<Long> counts = new ArrayList<>();
        for (String name : List.of("input_tokens", "cache_creation_tokens", "cache_read_tokens", "output_tokens",
                "api_call_count")) {
            counts.add(usage.findLong(name).orElse(0L));
        }
        usage.findObject("subagent_tokens").ifPresent(subagents -> counts.addAll(counts(subagents)));
        return counts;
    }

    private static Path onlyFile(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> all = files.filter(file -> file.getFileName().toString().endsWith(".jsonl")).toList();
            assertThat(all).as("transcripts in " + directory).hasSize(1);
            return all.get(0);
        }
    }

    /** The id of the one call of {@code tool} in the transcript. */
    private static String toolUseId(Path transcript, String tool) throws IOException {
        Pattern call = Pattern.compile(
                "\"type\":\"tool_use\",\"id\":\"([^\"]+)\",\"name\":\"" + tool + "\"");
        return Files.readAllLines(transcript).stream().map(call::matcher).filter(Matcher::find)
                .map(matcher -> matcher.group(1)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + tool + " call in " + transcript));
    }

    private static long lines(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        }
    }

    /** Two turns, each writing one file, with known usage: the script of the flows that span a commit. */
    private ModelScript greetingThenFarewell() {
        return ModelScript.of(
                GREETING, List.of(
                        calls(usage(10, 100, 0, 20), tool("Write", input("file_path", path("greeting.txt"), "content",
                                "Hello\n"))),
                        say("Added greeting.txt.", usage(11, 10, 100, 5))),
                FAREWELL, List.of(
                        calls(usage(30, 60, 500, 22), tool("Write", input("file_path", path("farewell.txt"), "content",
                                "Goodbye\n"))),
                        say("Added farewell.txt.", usage(31, 5, 560, 6))));
    }
}
