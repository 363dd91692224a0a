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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Gemini CLI ({@link GeminiCli#VERSION}) driving Entire through the hooks {@code entire enable --agent gemini}
 * installed, against a scripted Gemini API: every checkpoint must hold exactly its part of the session (cut by
 * messages, since Gemini CLI rewrites its chat file), with the prompts, files and tokens of that part.
 */
class GeminiCliEndToEndTest {
    private static final String WRITE = "Create hello.txt containing Hello";
    private static final String EDIT = "Change Hello to Goodbye in hello.txt";
    /** The usage of the write turn's two replies, and of the edit turn's, as Entire counts them. */
    private static final TokenUsage WRITE_TOKENS = new TokenUsage(100 + 130, 0, 0, 20 + 5, 2);
    private static final TokenUsage EDIT_TOKENS = new TokenUsage(200 + 240, 0, 50, 30 + 7, 2);
    /** Messages of the chat after the write turn: the injected context, the prompt, two replies, one tool result. */
    private static final long WRITE_TURN_MESSAGES = 5;

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
    void aWriteAndAResumedEditThenACommitAreOneCheckpointOfTheWholeSession() throws IOException {
        Setup setup = setUp();

        String sessionId = setup.gemini.print(WRITE).sessionId();
        assertThat(setup.gemini.resume(sessionId, EDIT).sessionId()).isEqualTo(sessionId);
        assertThat(Files.readString(setup.repo().resolve("hello.txt"))).isEqualTo("Goodbye\n");
        String checkpoint = commitByUser(setup, "Greeting", "hello.txt");

        assertCheckpoint(setup, checkpoint, sessionId, 0, List.of(WRITE, EDIT), WRITE_TOKENS.plus(EDIT_TOKENS));
        assertThat(compactTypes(setup, checkpoint)).containsExactly("user", "assistant", "assistant", "user",
                "assistant", "assistant");
    }

    @Test
    void aResumedSessionsNextCheckpointHoldsOnlyTheNewPart() throws IOException {
        Setup setup = setUp();

        String sessionId = setup.gemini.print(WRITE).sessionId();
        String first = commitByUser(setup, "Greeting", "hello.txt");
        assertCheckpoint(setup, first, sessionId, 0, List.of(WRITE), WRITE_TOKENS);

        setup.gemini.resume(sessionId, EDIT);
        String second = commitByUser(setup, "Farewell", "hello.txt");

        assertThat(second).isNotEqualTo(first);
        assertCheckpoint(setup, second, sessionId, WRITE_TURN_MESSAGES, List.of(EDIT), EDIT_TOKENS);
        List<JsonObject> compact = compact(setup, second);
        assertThat(compact).extracting(line -> line.member("type").stringValue()).containsExactly("user",
                "assistant", "assistant");
        assertThat(compact.get(0).member("content").elements().get(0).member("text").stringValue()).isEqualTo(EDIT);
        assertThat(compact.get(1).member("content").elements().get(0).member("name").stringValue())
                .isEqualTo("replace");
    }

    private record Setup(LiveCapture live, GeminiCli gemini, Path home) {
        Path repo() {
            return live.workspace.repo;
        }
    }

    private Setup setUp() throws IOException {
        Sandbox workspace = new Sandbox(temp);
        Files.writeString(workspace.repo.resolve("README.md"), "# Hello world\n");
        workspace.git.run("add", "README.md");
        workspace.commit("initial");
        LiveCapture live = new LiveCapture(workspace);
        live.enable("--agent", "gemini");
        Path hello = workspace.repo.toRealPath().resolve("hello.txt");
        server = new ScriptedGeminiServer(ModelScript.of(
                WRITE, List.of(
                        calls(usage(100, 0, 0, 20), tool("write_file", input("file_path", hello.toString(), "content",
                                "Hello\n"))),
                        say("Created hello.txt.", usage(130, 0, 0, 5))),
                EDIT, List.of(
                        calls(usage(200, 0, 50, 30), tool("replace", input("file_path", hello.toString(),
                                "old_string", "Hello", "new_string", "Goodbye", "instruction", "Change the greeting"))),
                        say("Changed it.", usage(240, 0, 0, 7)))), 20, Duration.ofMinutes(3));
        // Gemini CLI's home is the workspace's, so the hooks and the user's git commands agree on where chats are.
        Path home = Path.of(workspace.env().get("HOME"));
        return new Setup(live, GeminiCli.forRepository(workspace.repo, server, home), home);
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
            List<String> prompts, TokenUsage tokens) throws IOException {
        String context = "checkpoint " + checkpoint + "\nmodel requests:\n" + server.log();
        assertThat(server.problems()).as(context).isEmpty();
        assertThat(setup.live.checkpointJson(checkpoint, "metadata.json").member("sessions").elements()).as(context)
                .hasSize(1);
        JsonObject metadata = setup.live.checkpointJson(checkpoint, "0/metadata.json");
        assertThat(metadata.findString("session_id")).as(context).contains(sessionId);
        assertThat(metadata.findString("agent")).as(context).contains("Gemini CLI");
        assertThat(metadata.findString("model")).as(context).contains(GeminiCli.MODEL);
        assertThat(metadata.findLong("checkpoint_transcript_start").orElse(0L)).as(context).isEqualTo(transcriptStart);
        assertThat(setup.live.checkpointFile(checkpoint, "0/full.jsonl")).as(context)
                .isEqualTo(Files.readString(chat(setup.home(), sessionId)).strip());
        assertThat(setup.live.checkpointFile(checkpoint, "0/prompt.txt")).as(context)
                .isEqualTo(String.join("\n\n---\n\n", prompts));
        assertThat(metadata.strings("files_touched")).as(context).containsExactly("hello.txt");
        JsonObject usage = metadata.findObject("token_usage").orElseThrow(() -> new AssertionError(context));
        assertThat(counts(usage)).as(context + "\n" + metadata).isEqualTo(List.of(tokens.inputTokens(),
                tokens.cacheCreationTokens(), tokens.cacheReadTokens(), tokens.outputTokens(), tokens.apiCallCount()));
    }

    /** The session's chat file: the one in Gemini CLI's project folder holding the conversation. */
    private static Path chat(Path home, String sessionId) throws IOException {
        try (var files = Files.walk(home.resolve(".gemini/tmp"))) {
            List<Path> chats = files.filter(file -> file.getFileName().toString().endsWith(
                    "-" + sessionId.substring(0, 8) + ".jsonl")).sorted().toList();
            assertThat(chats).as("chat files of " + sessionId).isNotEmpty();
            return chats.get(0);
        }
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
