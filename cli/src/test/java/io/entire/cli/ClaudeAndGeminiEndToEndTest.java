package io.entire.cli;

import static io.entire.cli.ModelReply.calls;
import static io.entire.cli.ModelReply.input;
import static io.entire.cli.ModelReply.say;
import static io.entire.cli.ModelReply.tool;
import static io.entire.cli.ModelReply.usage;
import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Claude Code and the real Gemini CLI working in one repository where Entire is enabled for both: one commit
 * that takes the work of both sessions gets one checkpoint holding the two sessions, each with its own agent.
 */
class ClaudeAndGeminiEndToEndTest {
    private static final String CLAUDE_PROMPT = "Add a greeting file";
    private static final String GEMINI_PROMPT = "Create hello.txt containing Hello";

    @TempDir
    Path temp;

    @Test
    void sessionsOfBothAgentsFeedingOneCommitAreOneCheckpointWithTwoSessions() throws IOException {
        Sandbox workspace = new Sandbox(temp);
        Files.writeString(workspace.repo.resolve("README.md"), "# Hello world\n");
        workspace.git.run("add", "README.md");
        workspace.commit("initial");
        LiveCapture live = new LiveCapture(workspace);
        live.enable();
        live.enable("--agent", "gemini");
        Path repo = workspace.repo.toRealPath();
        ModelScript claudeScript = ModelScript.of(CLAUDE_PROMPT, List.of(
                calls(usage(10, 100, 0, 20), tool("Write", input("file_path", repo.resolve("greeting.txt").toString(),
                        "content", "Hi\n"))),
                say("Added greeting.txt.", usage(11, 10, 100, 5))));
        ModelScript geminiScript = ModelScript.of(GEMINI_PROMPT, List.of(
                calls(usage(100, 0, 0, 20), tool("write_file", input("file_path", repo.resolve("hello.txt").toString(),
                        "content", "Hello\n"))),
                say("Created hello.txt.", usage(130, 0, 0, 5))));

        String claudeSession;
        String geminiSession;
        try (ScriptedModelServer claudeApi = new ScriptedModelServer(claudeScript, 20, Duration.ofMinutes(3));
                ScriptedGeminiServer geminiApi = new ScriptedGeminiServer(geminiScript, 20, Duration.ofMinutes(3))) {
            Path claudeHome = Files.createDirectories(temp.resolve("home"));
            claudeSession = ClaudeCode.forRepository(workspace.repo, claudeApi, workspace.claudeConfig, claudeHome)
                    .print(CLAUDE_PROMPT).sessionId();
            geminiSession = GeminiCli.forRepository(workspace.repo, geminiApi, Path.of(workspace.env().get("HOME")))
                    .print(GEMINI_PROMPT).sessionId();
            assertThat(claudeApi.problems()).as(claudeApi.log()).isEmpty();
            assertThat(geminiApi.problems()).as(geminiApi.log()).isEmpty();
        }
        live.userGit.run("add", "greeting.txt", "hello.txt");
        live.userGit.run("commit", "-q", "-m", "Greetings");

        String checkpoint = live.headCheckpoint().orElseThrow(() -> new AssertionError("the commit is not linked: "
                + workspace.headMessage()));
        JsonObject summary = live.checkpointJson(checkpoint, "metadata.json");
        assertThat(summary.member("sessions").elements()).hasSize(2);
        assertThat(summary.strings("files_touched")).containsExactly("greeting.txt", "hello.txt");
        Map<String, List<String>> bySession = new TreeMap<>();
        for (int slot = 0; slot < 2; slot++) {
            JsonObject metadata = live.checkpointJson(checkpoint, slot + "/metadata.json");
            List<String> facts = new ArrayList<>(List.of(metadata.member("agent").stringValue(),
                    live.checkpointFile(checkpoint, slot + "/prompt.txt")));
            facts.addAll(metadata.strings("files_touched"));
            bySession.put(metadata.member("session_id").stringValue(), facts);
        }
        assertThat(bySession).isEqualTo(new TreeMap<>(Map.of(
                claudeSession, List.of("Claude Code", CLAUDE_PROMPT, "greeting.txt"),
                geminiSession, List.of("Gemini CLI", GEMINI_PROMPT, "hello.txt"))));
    }
}
