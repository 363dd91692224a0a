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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Gemini CLI compressing its chat in the middle of a resumed session's turn (the turn's first scripted reply
 * reports a prompt of 900,000 tokens, over half of the model's window, so the next request first summarizes the
 * earlier turn): the checkpoint still holds both turns whole, though the compression replaced the chat's message list
 * with a summary and stripped copies.
 */
class GeminiCompressionEndToEndTest {
    private static final String WRITE = "Create hello.txt containing Hello";
    private static final String EDIT = "Change Hello to Goodbye in hello.txt";
    private static final String SUMMARIZE = "Generate a new <state_snapshot> based on the provided history.\n\n"
            + "First, reason in your scratchpad. Then, generate the updated <state_snapshot>.";
    private static final String VERIFY = "Critically evaluate the <state_snapshot> you just generated. Did you omit any"
            + " specific technical details, file paths, tool results, or user constraints mentioned in the history? If"
            + " anything is missing or could be more precise, generate a FINAL, improved <state_snapshot>. Otherwise,"
            + " repeat the exact same <state_snapshot> again.";
    private static final String SNAPSHOT = "<state_snapshot>The user asked for hello.txt.</state_snapshot>";

    @TempDir
    Path temp;

    private ScriptedGeminiServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aCompressionLosesNothingOfTheSession() throws IOException {
        Sandbox workspace = new Sandbox(temp);
        Files.writeString(workspace.repo.resolve("README.md"), "# Hello world\n");
        workspace.git.run("add", "README.md");
        workspace.commit("initial");
        LiveCapture live = new LiveCapture(workspace);
        live.enable("--agent", "gemini");
        Path hello = workspace.repo.toRealPath().resolve("hello.txt");
        Map<String, List<ModelReply>> script = new LinkedHashMap<>();
        script.put(WRITE, List.of(calls(usage(100, 0, 0, 20), tool("write_file", input("file_path",
                hello.toString(), "content", "Hello\n"))), say("Created hello.txt.", usage(130, 0, 0, 5))));
        script.put(EDIT, List.of(calls(usage(900_000, 0, 0, 30), tool("replace", input("file_path",
                hello.toString(), "old_string", "Hello", "new_string", "Goodbye", "instruction",
                "Change the greeting"))), say("Changed it.", usage(240, 0, 0, 7))));
        script.put(SUMMARIZE, List.of(say(SNAPSHOT, usage(50, 0, 0, 10))));
        script.put(VERIFY, List.of(say(SNAPSHOT, usage(60, 0, 0, 10))));
        server = new ScriptedGeminiServer(new ModelScript(script), 20, Duration.ofMinutes(3));
        Path home = Path.of(workspace.env().get("HOME"));
        GeminiCli gemini = GeminiCli.forRepository(workspace.repo, server, home);

        String sessionId = gemini.print(WRITE).sessionId();
        gemini.resume(sessionId, EDIT);
        live.userGit.run("add", "hello.txt");
        live.userGit.run("commit", "-q", "-m", "Greeting");

        String context = "model requests:\n" + server.log();
        assertThat(server.log()).as("the compression's summary requests").contains(SUMMARIZE, VERIFY);
        String checkpoint = live.headCheckpoint().orElseThrow(() -> new AssertionError(context));
        JsonObject metadata = live.checkpointJson(checkpoint, "0/metadata.json");
        assertThat(live.checkpointFile(checkpoint, "0/prompt.txt")).as(context)
                .isEqualTo(WRITE + "\n\n---\n\n" + EDIT);
        assertThat(metadata.strings("files_touched")).as(context).containsExactly("hello.txt");
        JsonObject tokens = metadata.findObject("token_usage").orElseThrow(() -> new AssertionError(context));
        assertThat(List.of(tokens.findLong("input_tokens"), tokens.findLong("output_tokens"),
                tokens.findLong("api_call_count"))).as(context + "\n" + metadata).containsExactly(
                        Optional.of(100L + 130 + 900_000 + 240), Optional.of(20L + 5 + 30 + 7), Optional.of(4L));
        String compact = live.checkpointFile(checkpoint, "0/transcript.jsonl");
        assertThat(compact).as(context).contains(WRITE, EDIT, "write_file", "replace").doesNotContain(
                "state_snapshot");
    }
}
