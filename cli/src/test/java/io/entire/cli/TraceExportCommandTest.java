package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code entire trace export} on a repository a real session worked in: a person stubbed {@code greet.py}, a session
 * rewrote it with its Write tool, the person reworded one of its lines and added one before committing (linked by
 * post-commit). Each record is checked against the Agent Trace 0.1.0 JSON Schema (test resources, agent-trace/).
 */
class TraceExportCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static JsonSchema schema;

    @TempDir
    Path temp;
    LiveCapture live;
    Sandbox workspace;
    String stub;
    String linked;

    @BeforeAll
    static void loadTheSpecificationsSchema() throws IOException {
        try (InputStream in = TraceExportCommandTest.class.getResourceAsStream("/agent-trace/trace-record.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    @BeforeEach
    void commitTheSessionsWorkAfterAPersonsEdits() throws IOException {
        live = LiveCapture.enabledWithReadme(temp.resolve("work"));
        workspace = live.workspace;
        Files.writeString(workspace.repo.resolve("greet.py"), "def greet(name):\n    pass\n");
        live.userGit.run("add", "greet.py");
        live.userGit.run("commit", "-q", "-m", "Stub the greeter");
        stub = workspace.head();
        ClaudeSession session = new ClaudeSession(workspace, Sandbox.SESSION_A);
        session.prompt("Write the greeter").write("greet.py", "def greet(name):\n    message = 'Hello, ' + name\n"
                + "    return message\n").say("Wrote the greeter.");
        assertThat(session.stop().exitCode()).isZero();
        Files.writeString(workspace.repo.resolve("greet.py"), "import sys\ndef greet(name):\n"
                + "    message = 'Hello there, ' + name\n    return message\n");
        live.agentGit.run("add", "greet.py");
        live.agentGit.run("commit", "-q", "-m", "Add the greeter");
        linked = workspace.head();
        assertThat(live.headCheckpoint()).isPresent();
    }

    @Test
    void eachLinkedCommitBecomesOneValidRecordWithWhoWroteEachRange() {
        CliRun export = workspace.run("trace", "export");

        assertThat(export.exitCode()).as(export.err()).isZero();
        List<String> lines = export.out().lines().toList();
        assertThat(lines).as("the linked commit only; the person's stub links nothing").hasSize(1);
        assertThat(violations(lines.get(0))).isEmpty();
        JsonObject record = parse(lines.get(0));
        assertThat(record.findString("version")).contains("0.1.0");
        assertThat(record.findObject("vcs").orElseThrow().findString("revision")).contains(linked);
        assertThat(record.findObject("tool").orElseThrow().findString("name")).contains("entire");
        assertThat(record.findObject("metadata").orElseThrow().strings("checkpoint_ids"))
                .containsExactly(live.headCheckpoint().orElseThrow());
        List<JsonObject> files = objects(record, "files");
        assertThat(files).extracting(file -> file.findString("path").orElseThrow()).containsExactly("greet.py");
        List<JsonObject> conversations = objects(files.get(0), "conversations");
        assertThat(conversations).extracting(conversation -> conversation.findObject("contributor").orElseThrow()
                .findString("type").orElseThrow()).containsExactly("human", "ai");
        assertThat(ranges(conversations.get(0))).containsExactly("1-1");
        assertThat(ranges(conversations.get(1))).containsExactly("3-3 mixed", "4-4");
    }

    @Test
    void theSameRecordsGoToAFileOrAsOneArray() throws IOException {
        String stdout = workspace.run("trace", "export", stub + "..HEAD").out();

        CliRun toFile = workspace.run("trace", "export", "--out", "traces.jsonl");
        assertThat(toFile.exitCode()).as(toFile.err()).isZero();
        assertThat(toFile.out()).isEmpty();
        assertThat(toFile.err()).contains("wrote 1 Agent Trace record to traces.jsonl");
        assertThat(Files.readString(workspace.repo.resolve("traces.jsonl"))).isEqualTo(stdout);
        CliRun json = workspace.run("trace", "export", "--json");
        List<JsonValue> array = ((JsonArray) new JsonReader().parse(json.out().getBytes(StandardCharsets.UTF_8)))
                .elements();
        assertThat(array).hasSize(1);
        assertThat(array.get(0)).isEqualTo(parse(stdout.strip()));
        assertThat(workspace.run("trace", "export", "HEAD~1").out()).as("a range without a linked commit").isEmpty();
    }

    @Test
    @Timeout(60)
    void aPipeOrALinkGivenToOutIsWrittenThroughNotReplaced() throws Exception {
        String stdout = workspace.run("trace", "export").out();
        Path pipe = workspace.repo.resolve("traces.pipe");
        assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(pipe);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        CliRun toPipe = workspace.run("trace", "export", "--out", "traces.pipe");

        assertThat(toPipe.exitCode()).as(toPipe.err()).isZero();
        assertThat(read.get(30, TimeUnit.SECONDS)).isEqualTo(stdout);
        assertThat(Files.isRegularFile(pipe)).as("still a pipe").isFalse();
        Path file = Files.writeString(workspace.repo.resolve("kept.jsonl"), "old\n");
        Path link = Files.createSymbolicLink(workspace.repo.resolve("traces.jsonl"), file.getFileName());

        CliRun toLink = workspace.run("trace", "export", "--out", "traces.jsonl");

        assertThat(toLink.exitCode()).as(toLink.err()).isZero();
        assertThat(Files.isSymbolicLink(link)).as("still a link").isTrue();
        assertThat(Files.readString(file)).isEqualTo(stdout);
    }

    @Test
    void aFolderOrAMissingFolderGivenToOutIsOneClearLine() throws IOException {
        Files.createDirectories(workspace.repo.resolve("traces"));

        CliRun folder = workspace.run("trace", "export", "--out", "traces");
        CliRun missing = workspace.run("trace", "export", "--out", "no/such/traces.jsonl");

        assertThat(folder.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(folder.err()).isEqualTo("entire: cannot write " + workspace.repo.resolve("traces")
                + ": it is a folder\n");
        assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.err()).isEqualTo("entire: cannot write " + workspace.repo.resolve("no/such/traces.jsonl")
                + ": its folder does not exist\n");
    }

    @Test
    void aRangeGitDoesNotKnowIsAUsageErrorAndWritesNothing() {
        CliRun export = workspace.run("trace", "export", "no-such-branch..HEAD", "--out", "traces.jsonl");

        assertThat(export.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(export.err()).startsWith("entire: 'no-such-branch..HEAD' is not a commit range git knows");
        assertThat(workspace.repo.resolve("traces.jsonl")).doesNotExist();
        assertThat(workspace.run("trace", "export", "--output=x").exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void theSchemaRejectsARecordThatBreaksTheSpecification() {
        String record = workspace.run("trace", "export").out().strip();

        assertThat(violations(record.replace("\"version\":\"0.1.0\"", "\"version\":\"0.1\""))).isNotEmpty();
        assertThat(violations(record.replace("\"type\":\"ai\"", "\"type\":\"robot\""))).isNotEmpty();
    }

    private static Set<ValidationMessage> violations(String record) {
        try {
            JsonNode node = MAPPER.readTree(record);
            return schema.validate(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> ranges(JsonObject conversation) {
        return objects(conversation, "ranges").stream().map(range -> range.findLong("start_line").orElseThrow() + "-"
                + range.findLong("end_line").orElseThrow() + range.findObject("contributor")
                .map(contributor -> " " + contributor.findString("type").orElseThrow()).orElse("")).toList();
    }

    private static List<JsonObject> objects(JsonObject parent, String key) {
        return parent.findArray(key).orElseThrow().elements().stream().map(JsonObject.class::cast).toList();
    }

    private static JsonObject parse(String json) {
        return new JsonReader().parseObject(json.getBytes(StandardCharsets.UTF_8));
    }
}
