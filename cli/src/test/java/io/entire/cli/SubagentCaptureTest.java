package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A subagent (Claude Code's Agent tool) edits a file: the commit of that file is linked to the session, the
 * checkpoint stores the subagent's transcript, redacted, under {@code tasks/<tool-use-id>/}, and its tokens go to
 * {@code subagent_tokens}. The transcripts are laid out as Claude Code 2.1 writes them.
 */
class SubagentCaptureTest {
    private static final String TOOL_USE = "toolu_01LY1C3Ff95ZoB66GNRDUWH1";
    private static final String AGENT = "ab94da7";
    private static final String GITHUB_TOKEN = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";

    @TempDir
    Path temp;
    Sandbox workspace;
    LiveCapture live;
    ClaudeSession session;

    @BeforeEach
    void setUp() throws IOException {
        live = LiveCapture.enabledWithReadme(temp.resolve("work"));
        workspace = live.workspace;
        session = new ClaudeSession(workspace, Sandbox.SESSION_A);
    }

    @Test
    void aSubagentsEditIsLinkedAndItsTranscriptAndTokensAreStoredWithTheCheckpoint() {
        Path subagentTranscript = session.transcript.getParent().resolve(Sandbox.SESSION_A + "/subagents/agent-"
                + AGENT + ".jsonl");
        session.prompt("Have an agent write docs/color.md")
                .append(line("assistant", "{\"id\":\"msg_main1\",\"model\":\"claude-opus-4-6\",\"role\":\"assistant\","
                        + "\"content\":[{\"type\":\"tool_use\",\"id\":\"" + TOOL_USE + "\",\"name\":\"Agent\","
                        + "\"input\":{\"description\":\"Write the color doc\",\"prompt\":\"Write docs/color.md\","
                        + "\"subagent_type\":\"general-purpose\"}}],"
                        + "\"usage\":{\"input_tokens\":5,\"output_tokens\":3}}", ""));
        String sidechain = ",\"isSidechain\":true,\"agentId\":\"" + AGENT + "\"";
        write(subagentTranscript, line("user", "{\"role\":\"user\",\"content\":\"Write docs/color.md, token "
                + GITHUB_TOKEN + "\"}", sidechain) + "\n"
                + line("assistant", "{\"id\":\"msg_sub1\",\"model\":\"claude-haiku-4-5\",\"role\":\"assistant\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"Writing it.\"}],\"usage\":{\"input_tokens\":10,"
                + "\"output_tokens\":4,\"cache_read_input_tokens\":100,\"cache_creation_input_tokens\":7}}",
                sidechain) + "\n"
                + line("assistant", "{\"id\":\"msg_sub2\",\"model\":\"claude-haiku-4-5\",\"role\":\"assistant\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"Done.\"}],\"usage\":{\"input_tokens\":20,"
                + "\"output_tokens\":6}}", sidechain) + "\n");
        write(workspace.repo.resolve("docs/color.md"), "# Teal\n");
        session.append(line("user", "{\"role\":\"user\",\"content\":[{\"tool_use_id\":\"" + TOOL_USE + "\","
                        + "\"type\":\"tool_result\",\"content\":[{\"type\":\"text\","
                        + "\"text\":\"Wrote docs/color.md\"}]}]}", ",\"uuid\":\"result-line-1\","
                        + "\"toolUseResult\":{\"status\":\"completed\",\"agentId\":\"" + AGENT
                        + "\",\"totalTokens\":140}"))
                .say("The agent wrote docs/color.md.");

        assertThat(session.stop().exitCode()).isZero();
        live.userGit.run("add", "docs/color.md");
        live.userGit.run("commit", "-q", "-m", "Color doc");

        String id = live.headCheckpoint().orElseThrow(() -> new AssertionError("a subagent's file links the commit"));
        assertThat(live.checkpointJson(id, "0/metadata.json").strings("files_touched"))
                .containsExactly("docs/color.md");
        JsonObject task = live.checkpointJson(id, "tasks/" + TOOL_USE + "/checkpoint.json");
        assertThat(task.findString("session_id")).contains(Sandbox.SESSION_A);
        assertThat(task.findString("tool_use_id")).contains(TOOL_USE);
        assertThat(task.findString("checkpoint_uuid")).contains("result-line-1");
        assertThat(task.findString("agent_id")).contains(AGENT);
        assertThat(live.checkpointFile(id, "tasks/" + TOOL_USE + "/agent-" + AGENT + ".jsonl"))
                .contains("Writing it.", "REDACTED").doesNotContain(GITHUB_TOKEN);
        JsonObject tokens = live.checkpointJson(id, "0/metadata.json").findObject("token_usage").orElseThrow();
        JsonObject subagentTokens = tokens.findObject("subagent_tokens").orElseThrow();
        assertThat(subagentTokens.findLong("input_tokens")).contains(30L);
        assertThat(subagentTokens.findLong("output_tokens")).contains(10L);
        assertThat(subagentTokens.findLong("cache_read_tokens")).contains(100L);
        assertThat(subagentTokens.findLong("cache_creation_tokens")).contains(7L);
        assertThat(subagentTokens.findLong("api_call_count")).contains(2L);
        assertThat(tokens.findLong("api_call_count")).as("the session's own calls").contains(2L);

        CliRun explain = live.run("explain", id);
        assertThat(explain.exitCode()).as(explain.toString()).isZero();
        assertThat(explain.out()).contains("subagents: 30 in, 10 out, 100 cache read, 7 cache write, 2 API calls");
        CliRun json = live.run("explain", id, "--json");
        JsonObject explained = new JsonReader().parseObject(json.out().getBytes(StandardCharsets.UTF_8));
        assertThat(explained.member("sessions").elements().get(0).member("token_usage").member("subagent_tokens")
                .member("output_tokens").truncatedLong()).isEqualTo(10L);
    }

    /**
     * Older Claude Code: the Task tool, the agent id only in the result's text, the subagent's transcript beside the
     * session's. A second subagent's transcript is gone: it is recorded without one, and the checkpoint is written.
     */
    @Test
    void anOlderLayoutsSubagentIsFoundAndOneWithoutATranscriptIsStillRecorded() {
        write(session.transcript.getParent().resolve("agent-a1b2c3.jsonl"), line("assistant",
                "{\"id\":\"msg_old1\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],"
                + "\"usage\":{\"input_tokens\":8,\"output_tokens\":2}}", ",\"isSidechain\":true") + "\n");
        session.prompt("Explore, then write notes")
                .append(line("assistant", "{\"id\":\"msg_main1\",\"role\":\"assistant\",\"content\":["
                        + "{\"type\":\"tool_use\",\"id\":\"toolu_old\",\"name\":\"Task\",\"input\":{}},"
                        + "{\"type\":\"tool_use\",\"id\":\"toolu_gone\",\"name\":\"Task\",\"input\":{}}],"
                        + "\"usage\":{\"input_tokens\":5,\"output_tokens\":3}}", ""))
                .append(line("user", "{\"role\":\"user\",\"content\":[{\"tool_use_id\":\"toolu_old\","
                        + "\"type\":\"tool_result\",\"content\":[{\"type\":\"text\",\"text\":\"Explored.\"},"
                        + "{\"type\":\"text\",\"text\":\"agentId: a1b2c3 (for resuming)\"}]},"
                        + "{\"tool_use_id\":\"toolu_gone\",\"type\":\"tool_result\",\"content\":[{\"type\":"
                        + "\"text\",\"text\":\"agentId: ffee01\"}]}]}", ",\"uuid\":\"result-line-2\""));
        write(workspace.repo.resolve("notes.md"), "notes\n");
        session.say("Wrote notes.md.");
        assertThat(session.stop().exitCode()).isZero();
        live.userGit.run("add", "notes.md");
        live.userGit.run("commit", "-q", "-m", "Notes");

        String id = live.headCheckpoint().orElseThrow();
        assertThat(live.checkpointJson(id, "tasks/toolu_old/checkpoint.json").findString("agent_id"))
                .contains("a1b2c3");
        assertThat(live.checkpointFile(id, "tasks/toolu_old/agent-a1b2c3.jsonl")).contains("msg_old1");
        assertThat(workspace.git.run("ls-tree", "-r", "--name-only", "entire/checkpoints/v1", id.substring(0, 2) + "/"
                + id.substring(2) + "/tasks/toolu_gone/").text().lines()).singleElement().asString()
                .endsWith("/checkpoint.json");
        JsonObject tokens = live.checkpointJson(id, "0/metadata.json").findObject("token_usage").orElseThrow();
        assertThat(tokens.findObject("subagent_tokens").orElseThrow().findLong("input_tokens")).contains(8L);
    }

    /** A transcript line as Claude Code writes it, with {@code extra} members (each led by a comma). */
    private static String line(String type, String message, String extra) {
        return "{\"parentUuid\":null,\"sessionId\":\"" + Sandbox.SESSION_A + "\",\"type\":\"" + type
                + "\",\"timestamp\":\"2026-02-06T05:12:45.809Z\",\"message\":" + message + extra + "}";
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
