package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.Git;
import io.entire.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An external agent (the test agent of testdata/agents/external, on PATH as {@code entire-agent-jotter}) enabled,
 * its hooks run, its work committed: the checkpoint holds what its binary reads from its transcript.
 */
class ExternalAgentEndToEndTest {
    private static final String SESSION = "jot-5a1e";

    @TempDir
    Path temp;
    private Sandbox workspace;
    private Map<String, String> env;
    private Git userGit;
    private Path transcript;

    @BeforeEach
    void setUp() throws IOException {
        workspace = Sandbox.withReadme(temp.resolve("work"));
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path jotter = bin.resolve("entire-agent-jotter");
        Files.copy(Sandbox.FIXTURES.resolve("agents/external/entire-agent-jotter"), jotter);
        Files.setPosixFilePermissions(jotter, PosixFilePermissions.fromString("rwx------"));
        env = new HashMap<>(new LiveCapture(workspace).env());
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        userGit = new Git(workspace.repo, Map.of("ENTIRE_NO_TTY", "1", "PATH", env.get("PATH"), "HOME",
                env.get("HOME")));
        transcript = Path.of(env.get("HOME"), ".jotter", "sessions", SESSION + ".jsonl");
        Files.createDirectories(transcript.getParent());
    }

    @Test
    void enableTakesSeveralAgentsAndTheAgentCommandsListAddAndRemoveThem() {
        CliRun enabled = run(new byte[0], "enable", "--agent", "claude-code", "--agent", "jotter");

        assertThat(enabled.exitCode()).as(enabled.toString()).isZero();
        assertThat(enabled.out()).contains("Claude Code hooks: 4 added to .claude/settings.json",
                "Jotter hooks: 4 added", "hooks installed by " + env.get("PATH").split(":")[0]);
        assertThat(workspace.repo.resolve(".jotter/hooks.json")).exists();
        assertThat(run(new byte[0], "agent", "list").out().lines()).contains(
                "claude-code  Claude Code  hooks installed", "codex  Codex  not installed",
                "jotter  Jotter (external)  hooks installed");

        CliRun removed = run(new byte[0], "agent", "remove", "jotter");

        assertThat(removed.out()).contains("Jotter hooks: 1 removed");
        assertThat(workspace.repo.resolve(".jotter/hooks.json")).doesNotExist();
        assertThat(run(new byte[0], "agent", "list").out()).contains("jotter  Jotter (external)  not installed");
        assertThat(run(new byte[0], "agent", "add", "jotter").out()).contains("Jotter hooks: 4 added");
        assertThat(run(new byte[0], "agent", "add", "nobody").err()).contains("unknown agent 'nobody'",
                "entire-agent-nobody");

        CliRun uninstalled = run(new byte[0], "disable", "--uninstall");

        assertThat(uninstalled.exitCode()).as(uninstalled.toString()).isZero();
        assertThat(workspace.repo.resolve(".jotter/hooks.json")).as("the external agent's hooks go too")
                .doesNotExist();
    }

    @Test
    void twoTurnsAndACommitMakeOneCheckpointOfWhatTheBinaryReads() throws IOException {
        assertThat(run(new byte[0], "enable", "--agent", "jotter").exitCode()).isZero();

        hook("session-start", null);
        hook("prompt", "Write a.txt");
        Files.writeString(workspace.repo.resolve("a.txt"), "alpha\n");
        append("{\"role\":\"user\",\"text\":\"Write a.txt\"}",
                "{\"role\":\"assistant\",\"write\":\"" + workspace.repo.resolve("a.txt")
                        + "\",\"usage\":{\"input\":100,\"output\":20}}");
        hook("done", null);
        hook("prompt", "Change a.txt");
        Files.writeString(workspace.repo.resolve("a.txt"), "beta\n");
        append("{\"role\":\"user\",\"text\":\"Change a.txt\"}",
                "{\"role\":\"assistant\",\"write\":\"a.txt\",\"usage\":{\"input\":200,\"output\":30,"
                        + "\"cache_read\":50}}");
        hook("done", null);

        userGit.run("add", "a.txt");
        userGit.run("commit", "-q", "-m", "Add a.txt");

        LiveCapture live = new LiveCapture(workspace);
        String id = live.headCheckpoint().orElseThrow(() -> new AssertionError(workspace.headMessage()));
        JsonObject session = live.checkpointJson(id, "0/metadata.json");
        assertThat(session.findString("session_id")).contains(SESSION);
        assertThat(session.findString("agent")).contains("Jotter");
        assertThat(session.strings("files_touched")).containsExactly("a.txt");
        JsonObject tokens = session.findObject("token_usage").orElseThrow();
        assertThat(List.of(tokens.findLong("input_tokens"), tokens.findLong("cache_read_tokens"),
                tokens.findLong("output_tokens"), tokens.findLong("api_call_count")))
                .containsExactly(java.util.Optional.of(300L), java.util.Optional.of(50L), java.util.Optional.of(50L),
                        java.util.Optional.of(2L));
        assertThat(live.checkpointFile(id, "0/prompt.txt")).contains("Write a.txt", "Change a.txt");
        assertThat(live.checkpointFile(id, "0/full.jsonl")).contains("Change a.txt");
    }

    @Test
    void eachCheckpointStoresTheCompactTranscriptOfItsPartAndExplainShowsIt() throws IOException {
        assertThat(run(new byte[0], "enable", "--agent", "jotter").exitCode()).isZero();
        hook("session-start", null);
        turn("Write a.txt", "alpha", "Wrote it.");
        userGit.run("add", "a.txt");
        userGit.run("commit", "-q", "-m", "Add a.txt");
        LiveCapture live = new LiveCapture(workspace);
        String first = live.headCheckpoint().orElseThrow(() -> new AssertionError(workspace.headMessage()));

        turn("Change a.txt", "beta", "Changed it.");
        userGit.run("commit", "-q", "-am", "Change a.txt");
        String second = live.headCheckpoint().orElseThrow(() -> new AssertionError(workspace.headMessage()));
        turn("Change a.txt again", "gamma", "Changed it again.");
        userGit.run("commit", "-q", "-am", "Change a.txt again");
        String third = live.headCheckpoint().orElseThrow(() -> new AssertionError(workspace.headMessage()));

        assertThat(live.checkpointFile(first, "0/transcript.jsonl").lines()).hasSize(2).allSatisfy(line ->
                assertThat(line).startsWith("{\"v\":1,\"agent\":\"jotter\",\"cli_version\":\""))
                .anySatisfy(line -> assertThat(line).contains("Write a.txt"))
                .noneSatisfy(line -> assertThat(line).contains("Change a.txt"));
        assertThat(live.checkpointFile(second, "0/transcript.jsonl").lines()).hasSize(2)
                .anySatisfy(line -> assertThat(line).contains("Change a.txt"))
                .noneSatisfy(line -> assertThat(line).contains("Write a.txt"));
        assertThat(live.checkpointFile(third, "0/transcript.jsonl").lines()).hasSize(2)
                .allSatisfy(line -> assertThat(line).doesNotContain("Change a.txt\""));
        assertThat(List.of(tokens(live, second), tokens(live, third))).as("the binary reads each part from its start")
                .containsOnly(List.of(10L, 2L, 1L));
        CliRun explained = run(new byte[0], "explain", "--full", "--no-pager", second);
        assertThat(explained.exitCode()).as(explained.toString()).isZero();
        assertThat(explained.out()).contains("Conversation of session 0: " + SESSION + "  Jotter",
                "> Change a.txt", "* write a.txt", "Changed it.").doesNotContain("Write a.txt");
    }

    /**
     * An agent whose positions are the file's line numbers, blank lines included: the binary reads the transcript line
     * for line as the file has it, so each checkpoint's part is its own turn, at the first checkpoint of the session
     * and at the next, which redacts only what the transcript gained.
     */
    @Test
    void blankLinesKeepTheBinarysLineNumbersThoseOfTheFile() throws IOException {
        env.put("JOTTER_POSITIONS", "lines");
        userGit = new Git(workspace.repo, Map.of("ENTIRE_NO_TTY", "1", "PATH", env.get("PATH"), "HOME",
                env.get("HOME"), "JOTTER_POSITIONS", "lines"));
        assertThat(run(new byte[0], "enable", "--agent", "jotter").exitCode()).isZero();
        hook("session-start", null);
        hook("prompt", "Write a.txt");
        Files.writeString(workspace.repo.resolve("a.txt"), "alpha\n");
        append("{\"role\":\"user\",\"text\":\"Write a.txt\"}", "",
                "{\"role\":\"assistant\",\"write\":\"a.txt\",\"usage\":{\"input\":100,\"output\":20}}");
        hook("done", null);
        userGit.run("add", "a.txt");
        userGit.run("commit", "-q", "-m", "Add a.txt");
        LiveCapture live = new LiveCapture(workspace);
        String first = live.headCheckpoint().orElseThrow(() -> new AssertionError(workspace.headMessage()));

        hook("prompt", "Change a.txt");
        Files.writeString(workspace.repo.resolve("a.txt"), "beta\n");
        append("", "{\"role\":\"user\",\"text\":\"Change a.txt\"}", "", "",
                "{\"role\":\"assistant\",\"write\":\"a.txt\",\"usage\":{\"input\":7,\"output\":3}}");
        hook("done", null);
        userGit.run("commit", "-q", "-am", "Change a.txt");
        String second = live.headCheckpoint().orElseThrow(() -> new AssertionError(workspace.headMessage()));

        assertThat(tokens(live, first)).containsExactly(100L, 20L, 1L);
        assertThat(tokens(live, second)).containsExactly(7L, 3L, 1L);
        assertThat(live.checkpointFile(second, "0/transcript.jsonl").lines()).hasSize(2)
                .anySatisfy(line -> assertThat(line).contains("Change a.txt"))
                .noneSatisfy(line -> assertThat(line).contains("Write a.txt"));
    }

    private static List<Long> tokens(LiveCapture live, String id) {
        JsonObject tokens = live.checkpointJson(id, "0/metadata.json").findObject("token_usage").orElseThrow();
        return List.of(tokens.findLong("input_tokens").orElse(-1L), tokens.findLong("output_tokens").orElse(-1L),
                tokens.findLong("api_call_count").orElse(-1L));
    }

    private void turn(String prompt, String content, String reply) throws IOException {
        hook("prompt", prompt);
        Files.writeString(workspace.repo.resolve("a.txt"), content + "\n");
        append("{\"role\":\"user\",\"text\":\"" + prompt + "\"}", "{\"role\":\"assistant\",\"reply\":\""
                + reply + "\",\"write\":\"a.txt\",\"usage\":{\"input\":10,\"output\":2}}");
        hook("done", null);
    }

    private void append(String... lines) throws IOException {
        Files.writeString(transcript, String.join("\n", lines) + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private void hook(String verb, String prompt) {
        String payload = "{\"session\":\"" + SESSION + "\",\"transcript\":\"" + transcript + "\""
                + (prompt == null ? "" : ",\"prompt\":\"" + prompt + "\"") + "}";
        CliRun run = run(payload.getBytes(StandardCharsets.UTF_8), "hooks", "jotter", verb);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).as(run.toString()).isEmpty();
    }

    private CliRun run(byte[] stdin, String... args) {
        return CliRun.run(workspace.repo, env, stdin, args);
    }
}
