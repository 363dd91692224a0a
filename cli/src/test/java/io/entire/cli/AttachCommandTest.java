package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttachCommandTest {
    private static final Pattern TRAILER = Pattern.compile("Entire-Checkpoint: ([0-9a-f]{12})");

    @TempDir
    Path temp;
    Workspace workspace;

    @BeforeEach
    void setUp() {
        workspace = new Workspace(temp).commit("Use strings.Contains");
    }

    @Test
    void attachWithForceLinksHeadAndExplainShowsTheSession() {
        workspace.fixtureTranscript(Workspace.SESSION_A);
        String treeBefore = workspace.git.run("rev-parse", "HEAD^{tree}").text();

        CliRun attach = workspace.run("attach", Workspace.SESSION_A, "--force");

        assertThat(attach.exitCode()).as(attach.err()).isZero();
        assertThat(attach.out()).contains("Attached session " + Workspace.SESSION_A, "model:  claude-opus-4-6",
                "12 in, 329 out, 248449 cache read, 29103 cache write, 10 API calls");
        String message = workspace.headMessage();
        Matcher trailer = TRAILER.matcher(message);
        assertThat(trailer.find()).as(message).isTrue();
        assertThat(message).startsWith("Use strings.Contains\n\nEntire-Checkpoint: ");
        assertThat(workspace.git.run("rev-parse", "HEAD^{tree}").text()).isEqualTo(treeBefore);
        assertThat(workspace.git.run("log", "-1", "--format=%an <%ae>").text())
                .isEqualTo("Test User <test@example.com>");

        CliRun explain = workspace.run("explain", "--json");
        assertThat(explain.exitCode()).as(explain.err()).isZero();
        JsonObject json = new JsonReader().parseObject(explain.out().getBytes(StandardCharsets.UTF_8));
        assertThat(json.findString("checkpoint_id")).contains(trailer.group(1));
        JsonObject session = (JsonObject) json.findArray("sessions").orElseThrow().elements().get(0);
        assertThat(session.findString("session_id")).contains(Workspace.SESSION_A);
        assertThat(session.findString("agent")).contains("Claude Code");
        assertThat(session.findString("model")).contains("claude-opus-4-6");
        assertThat(session.strings("prompts").get(0)).startsWith("Replace the custom string contains implementation");
        assertThat(session.find("content_hash_ok").orElseThrow().toString()).contains("true");
        assertThat(json.findArray("commits").map(JsonArray::elements).orElseThrow()).hasSize(1);
        assertThat(workspace.git.run("fsck", "--strict").succeeded()).isTrue();
    }

    @Test
    void runningItTwiceChangesNothingTheSecondTime() {
        workspace.fixtureTranscript(Workspace.SESSION_A);
        assertThat(workspace.run("attach", Workspace.SESSION_A, "--force").exitCode()).isZero();
        String head = workspace.head();
        String tip = workspace.checkpointTip();

        CliRun again = workspace.run("attach", Workspace.SESSION_A, "--force");

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("nothing changed");
        assertThat(workspace.head()).isEqualTo(head);
        assertThat(workspace.checkpointTip()).isEqualTo(tip);
    }

    @Test
    void withoutForceOrTerminalItPrintsTheTrailerAndLeavesHeadAlone() {
        workspace.fixtureTranscript(Workspace.SESSION_A);
        String head = workspace.head();

        CliRun first = workspace.run("attach", Workspace.SESSION_A);
        CliRun second = workspace.run("attach", Workspace.SESSION_A);

        assertThat(first.exitCode()).isZero();
        assertThat(workspace.head()).isEqualTo(head);
        Matcher trailer = TRAILER.matcher(first.out());
        assertThat(trailer.find()).as(first.out()).isTrue();
        assertThat(second.out()).as("the unlinked checkpoint is reused, not duplicated")
                .contains("Checkpoint " + trailer.group(1) + " already holds session");
        assertThat(workspace.run("checkpoint", "list", "--json").out()).containsOnlyOnce("\"checkpoint_id\"");
    }

    @Test
    void aSecondSessionJoinsTheCheckpointHeadAlreadyNames() {
        workspace.fixtureTranscript(Workspace.SESSION_A);
        workspace.fixtureTranscript(Workspace.SESSION_B);
        assertThat(workspace.run("attach", Workspace.SESSION_A, "--force").exitCode()).isZero();
        String head = workspace.head();

        CliRun second = workspace.run("attach", Workspace.SESSION_B);

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("(session slot 1)");
        assertThat(workspace.head()).isEqualTo(head);
        CliRun list = workspace.run("checkpoint", "list", "--json");
        assertThat(list.out()).contains("\"session_count\": 2");
    }

    @Test
    void keepsStagedChangesOutOfTheAmendedCommit() throws Exception {
        workspace.fixtureTranscript(Workspace.SESSION_A);
        java.nio.file.Files.writeString(workspace.repo.resolve("staged.txt"), "staged\n");
        workspace.git.run("add", "staged.txt");

        assertThat(workspace.run("attach", Workspace.SESSION_A, "--force").exitCode()).isZero();

        assertThat(workspace.git.run("show", "--name-only", "--format=", "HEAD").text()).doesNotContain("staged.txt");
        assertThat(workspace.git.run("diff", "--cached", "--name-only").text()).isEqualTo("staged.txt");
    }

    @Test
    void storesNoSecret() {
        String aws = "AKIA" + "Z7Q4M2XK9PLW3RTB";     // AWS's documented example key is not a secret, so not this
        String github = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
        String slack = "xoxb-" + "123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx";
        String openai = "sk-proj-" + "Ab3dEf6hIj9lMn2pQr5tUv8xYz1bCd4fGh7jKl0nOp3rSt6";
        String password = "hunter2Secret99";
        String key = "-----BEGIN RSA PRIVATE KEY-----\\nMIIEowIBAAKCAQEA7bq9nU3v\\n-----END RSA PRIVATE KEY-----";
        String prompt = "deploy with " + aws + " and " + github + " and " + slack + " and " + openai
                + " to postgres://admin:" + password + "@db.internal:5432/app and key " + key;
        workspace.transcript("secret-session", "{\"type\":\"user\",\"sessionId\":\"secret-session\","
                + "\"timestamp\":\"2026-02-06T05:12:45.809Z\",\"message\":{\"role\":\"user\",\"content\":\""
                + prompt + "\"}}\n"
                + "{\"type\":\"assistant\",\"timestamp\":\"2026-02-06T05:12:47.000Z\",\"message\":{\"id\":\"msg_1\","
                + "\"model\":\"claude-opus-4-6\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"ok "
                + github + "\"}],\"usage\":{\"input_tokens\":3,\"output_tokens\":5}}}\n");

        CliRun attach = workspace.run("attach", "secret-session", "--force");

        assertThat(attach.exitCode()).as(attach.err()).isZero();
        String stored = workspace.git.run("log", "-p", "--format=", "entire/checkpoints/v1").text();
        assertThat(stored).contains("REDACTED")
                .doesNotContain(aws, github, slack, openai, password, "MIIEowIBAAKCAQEA7bq9nU3v");
    }

    @Test
    void whatAKilledAttachLeftInTheScratchFolderIsGoneAfterTheNextAttach() throws Exception {
        String fixture = Files.readString(Workspace.FIXTURES.resolve("claude-code/" + Workspace.SESSION_A + ".jsonl"));
        workspace.transcript(Workspace.SESSION_A, fixture.repeat(400));   // ~20 MB: long enough to be caught at work
        Path scratch = workspace.repo.resolve(".git/entire-tmp");
        ProcessBuilder command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "attach", Workspace.SESSION_A,
                "--force").directory(workspace.repo.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        command.environment().putAll(workspace.env());
        Process attach = command.start();
        try {
            while (attach.isAlive() && scratchBytes(scratch) < 1 << 20) {
                Thread.sleep(5);   // polls the condition: the copy of the transcript being written
            }
        } finally {
            attach.destroyForcibly();   // SIGKILL: nothing of it runs to clean up
            attach.waitFor();
        }
        assertThat(scratchBytes(scratch)).as("the killed attach left its copy of the transcript")
                .isGreaterThanOrEqualTo(1 << 20);

        CliRun again = workspace.run("attach", Workspace.SESSION_A, "--force");

        assertThat(again.exitCode()).as(again.err()).isZero();
        try (Stream<Path> left = Files.list(scratch)) {
            assertThat(left).isEmpty();
        }
    }

    private static long scratchBytes(Path scratch) throws IOException {
        if (!Files.isDirectory(scratch)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(scratch)) {
            long bytes = 0;
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                try {
                    bytes += Files.size(file);
                } catch (NoSuchFileException gone) {
                    // removed by the writer meanwhile
                }
            }
            return bytes;
        }
    }
}
