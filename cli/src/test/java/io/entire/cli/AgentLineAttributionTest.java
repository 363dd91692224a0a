package io.entire.cli;

import static io.entire.cli.ModelReply.calls;
import static io.entire.cli.ModelReply.input;
import static io.entire.cli.ModelReply.say;
import static io.entire.cli.ModelReply.tool;
import static io.entire.cli.ModelReply.usage;
import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blame, explain and the stored {@code initial_attribution} judge the lines of every agent, each read from its own
 * transcript: the real Codex CLI (an {@code apply_patch}) and the real Gemini CLI (a {@code write_file}) replace the
 * placeholder of {@code config.py} with two lines, then the person rewords the second and adds one of their own
 * before committing.
 */
class AgentLineAttributionTest {
    private static final String PLACEHOLDER = "# settings go here";
    private static final String PROMPT = "Write the settings";
    private static final String AGENT_FIRST = "timeout_seconds = compute_timeout(retries)";
    private static final String AGENT_SECOND = "greeting_text = 'Hello from the settings module'";
    private static final String PERSON_EDITED = "greeting_text = 'Hello from the settings file'";
    private static final String PERSON_ADDED = "import os";

    @TempDir
    Path temp;

    @Test
    void codexLinesAreTheAgentsAndThePersonsEditIsHumanEdited() throws IOException {
        Sandbox workspace = repository();
        ModelScript script = ModelScript.of(PROMPT, List.of(
                calls(usage(200, 0, 1000, 40), tool("exec_command", input("cmd", CodexCli.applyPatch(
                        "*** Update File: config.py", "@@", "-" + PLACEHOLDER, "+" + AGENT_FIRST,
                        "+" + AGENT_SECOND)))),
                say("Wrote config.py.", usage(100, 0, 1200, 8))));
        LiveCapture live;
        try (ResponsesModelServer server = new ResponsesModelServer(script, 10, Duration.ofMinutes(3))) {
            // Codex's home is the one enable records its hook trust in: written before enable adds to it.
            CodexCli codex = CodexCli.forRepository(workspace.repo, server, home(workspace), Map.of());
            live = enabled(workspace, "codex");
            codex.exec(PROMPT);
            assertThat(server.problems()).as(server.log()).isEmpty();
        }

        assertVerdicts(live, "Codex");
    }

    @Test
    void geminiLinesAreTheAgentsAndThePersonsEditIsHumanEdited() throws IOException {
        LiveCapture live = enabled(repository(), "gemini");
        Path config = live.workspace.repo.toRealPath().resolve("config.py");
        ModelScript script = ModelScript.of(PROMPT, List.of(
                calls(usage(100, 0, 0, 20), tool("write_file", input("file_path", config.toString(), "content",
                        AGENT_FIRST + "\n" + AGENT_SECOND + "\n"))),
                say("Wrote config.py.", usage(130, 0, 0, 5))));
        try (ScriptedGeminiServer server = new ScriptedGeminiServer(script, 20, Duration.ofMinutes(3))) {
            GeminiCli.forRepository(live.workspace.repo, server, home(live.workspace)).print(PROMPT);
            assertThat(server.problems()).as(server.log()).isEmpty();
        }

        assertVerdicts(live, "Gemini CLI");
    }

    private Sandbox repository() throws IOException {
        Sandbox workspace = new Sandbox(temp.resolve("work"));
        Files.writeString(workspace.repo.resolve("README.md"), "# Settings\n");
        // A file the agent changes rather than creates: a created one the person edits is no longer the agent's work.
        Files.writeString(workspace.repo.resolve("config.py"), PLACEHOLDER + "\n");
        workspace.git.run("add", "README.md", "config.py");
        workspace.commit("initial");
        return workspace;
    }

    /** The HOME of the workspace's user, the agents' and the hooks' alike, so they agree on where sessions are. */
    private static Path home(Sandbox workspace) {
        return Path.of(workspace.env().get("HOME"));
    }

    private static LiveCapture enabled(Sandbox workspace, String agent) {
        LiveCapture live = new LiveCapture(workspace);
        CliRun enable = live.enable("--agent", agent);
        assertThat(enable.exitCode()).as(enable.err()).isZero();
        return live;
    }

    /** The person's edits, their commit, and the verdicts: stored at the commit, and judged again after an amend. */
    private static void assertVerdicts(LiveCapture live, String agentName) throws IOException {
        Path config = live.workspace.repo.resolve("config.py");
        assertThat(Files.readString(config)).isEqualTo(AGENT_FIRST + "\n" + AGENT_SECOND + "\n");
        Files.writeString(config, PERSON_ADDED + "\n" + AGENT_FIRST + "\n" + PERSON_EDITED + "\n");
        live.userGit.run("add", "config.py");
        live.userGit.run("commit", "-q", "-m", "Add the settings");
        String checkpoint = live.headCheckpoint().orElseThrow(() -> new AssertionError("the commit is not linked"));

        JsonObject file = (JsonObject) live.checkpointJson(checkpoint, "0/metadata.json")
                .findObject("initial_attribution").orElseThrow().findArray("files").orElseThrow().elements().get(0);
        assertThat(spans(file, "agent")).containsExactly("2-2");
        assertThat(spans(file, "human_edited")).containsExactly("3-3");
        assertBlameAndExplain(live, agentName);

        // A changed tree makes the stored verdicts stale: the lines are judged from the stored transcript instead.
        Files.writeString(live.workspace.repo.resolve("README.md"), "# Settings of the app\n");
        live.userGit.run("commit", "-q", "-a", "--amend", "--no-edit");
        assertBlameAndExplain(live, agentName);
    }

    private static void assertBlameAndExplain(LiveCapture live, String agentName) {
        CliRun blame = live.workspace.run("blame", "config.py", "--json");
        assertThat(blame.exitCode()).as(blame.err()).isZero();
        List<JsonObject> lines = parse(blame.out()).findArray("lines").map(JsonArray::elements).orElseThrow().stream()
                .map(JsonObject.class::cast).toList();
        assertThat(lines).extracting(line -> line.findString("author").orElseThrow())
                .containsExactly("human", "agent", "human_edited");
        assertThat(lines.get(1).findString("agent")).contains(agentName);
        assertThat(lines.get(1).findString("prompt")).contains(PROMPT);
        CliRun explain = live.workspace.run("explain", "--json");
        assertThat(explain.exitCode()).as(explain.err()).isZero();
        JsonObject commit = (JsonObject) parse(explain.out()).findArray("attribution").orElseThrow().elements().get(0);
        JsonObject file = commit.findArray("files").orElseThrow().elements().stream().map(JsonObject.class::cast)
                .filter(changed -> changed.findString("path").orElseThrow().equals("config.py")).findFirst()
                .orElseThrow();
        assertThat(List.of(file.findLong("agent_lines"), file.findLong("human_edited_lines"),
                file.findLong("human_lines"))).containsExactly(Optional.of(1L), Optional.of(1L), Optional.of(1L));
    }

    private static List<String> spans(JsonObject file, String key) {
        return file.findArray(key).orElseThrow().elements().stream().map(JsonObject.class::cast)
                .map(span -> span.findLong("start").orElseThrow() + "-" + span.findLong("end").orElseThrow())
                .toList();
    }

    private static JsonObject parse(String json) {
        return new JsonReader().parseObject(json.getBytes(StandardCharsets.UTF_8));
    }
}
