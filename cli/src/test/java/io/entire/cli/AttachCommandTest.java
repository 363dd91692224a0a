package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.Git;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    Sandbox workspace;

    @BeforeEach
    void setUp() {
        workspace = new Sandbox(temp).commit("Use strings.Contains");
    }

    @Test
    void attachWithForceLinksHeadAndExplainShowsTheSession() {
        workspace.fixtureTranscript(Sandbox.SESSION_A);
        String treeBefore = workspace.git.run("rev-parse", "HEAD^{tree}").text();

        CliRun attach = workspace.run("attach", Sandbox.SESSION_A, "--force");

        assertThat(attach.exitCode()).as(attach.err()).isZero();
        assertThat(attach.out()).contains("Attached session " + Sandbox.SESSION_A, "model:  claude-opus-4-6",
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
        assertThat(session.findString("session_id")).contains(Sandbox.SESSION_A);
        assertThat(session.findString("agent")).contains("claude-code");
        assertThat(session.findString("agent_name")).contains("Claude Code");
        assertThat(session.findString("model")).contains("claude-opus-4-6");
        assertThat(session.strings("prompts").get(0)).startsWith("Replace the custom string contains implementation");
        assertThat(session.findString("content_hash")).contains("match");
        assertThat(json.findArray("commits").map(JsonArray::elements).orElseThrow()).hasSize(1);
        assertThat(workspace.git.run("fsck", "--strict").succeeded()).isTrue();
    }

    @Test
    void runningItTwiceChangesNothingTheSecondTime() {
        workspace.fixtureTranscript(Sandbox.SESSION_A);
        assertThat(workspace.run("attach", Sandbox.SESSION_A, "--force").exitCode()).isZero();
        String head = workspace.head();
        String tip = workspace.checkpointTip();

        CliRun again = workspace.run("attach", Sandbox.SESSION_A, "--force");

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("nothing changed");
        assertThat(workspace.head()).isEqualTo(head);
        assertThat(workspace.checkpointTip()).isEqualTo(tip);
    }

    @Test
    void withoutForceOrTerminalItPrintsTheTrailerAndLeavesHeadAlone() {
        workspace.fixtureTranscript(Sandbox.SESSION_A);
        String head = workspace.head();

        CliRun first = workspace.run("attach", Sandbox.SESSION_A);
        CliRun second = workspace.run("attach", Sandbox.SESSION_A);

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
        workspace.fixtureTranscript(Sandbox.SESSION_A);
        workspace.fixtureTranscript(Sandbox.SESSION_B);
        assertThat(workspace.run("attach", Sandbox.SESSION_A, "--force").exitCode()).isZero();
        String head = workspace.head();

        CliRun second = workspace.run("attach", Sandbox.SESSION_B);

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("(session slot 1)");
        assertThat(workspace.head()).isEqualTo(head);
        CliRun list = workspace.run("checkpoint", "list", "--json");
        assertThat(list.out()).contains("\"session_count\": 2");
    }

    @Test
    void keepsStagedChangesOutOfTheAmendedCommit() throws Exception {
        workspace.fixtureTranscript(Sandbox.SESSION_A);
        java.nio.file.Files.writeString(workspace.repo.resolve("staged.txt"), "staged\n");
        workspace.git.run("add", "staged.txt");

        assertThat(workspace.run("attach", Sandbox.SESSION_A, "--force").exitCode()).isZero();

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
        String fixture = Files.readString(Sandbox.FIXTURES.resolve("claude-code/" + Sandbox.SESSION_A + ".jsonl"));
        workspace.transcript(Sandbox.SESSION_A, fixture.repeat(400));   // ~20 MB: long enough to be caught at work
        Path scratch = workspace.repo.resolve(".git/entire-tmp");
        ProcessBuilder command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "attach", Sandbox.SESSION_A,
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

        CliRun again = workspace.run("attach", Sandbox.SESSION_A, "--force");

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

    /**
     * In refs-v1-mirror mode the ref store holds the checkpoint and the v1 branch only mirrors it: when the mirror
     * write fails (here the v1 branch's shard tree names a folder the repository lost), attach says so and succeeds,
     * and the command its warning names writes the missing checkpoint into the mirror once the repository is whole.
     */
    @Test
    void aMirrorThatWasNotWrittenIsAWarningAndTheCommandItNamesRepairsIt() throws Exception {
        Files.createDirectories(workspace.repo.resolve(".entire"));
        Files.writeString(workspace.repo.resolve(".entire/settings.json"),
                "{\"strategy_options\": {\"checkpoint_store\": \"refs-v1-mirror\"}}");
        String blob = workspace.git.run(List.of("hash-object", "-w", "--stdin"),
                "an older checkpoint's transcript\n".getBytes(StandardCharsets.UTF_8)).text().strip();
        String metadata = workspace.git.run(List.of("hash-object", "-w", "--stdin"), ("{\"checkpoint_id\": "
                + "\"01KVBJCWYA4YW6J5M9GP655HZN\", \"strategy\": \"manual-commit\", \"checkpoints_count\": 0, "
                + "\"files_touched\": [], \"sessions\": []}\n").getBytes(StandardCharsets.UTF_8)).text().strip();
        byte[] folderListing = ("100644 blob " + blob + "\tfull.jsonl\n100644 blob " + metadata + "\tmetadata.json\n")
                .getBytes(StandardCharsets.UTF_8);
        String folder = workspace.git.run(List.of("mktree"), folderListing).text().strip();
        String shard = workspace.git.run(List.of("mktree"), ("040000 tree " + folder + "\tKVBJCWYA4YW6J5M9GP655HZN\n")
                .getBytes(StandardCharsets.UTF_8)).text().strip();
        String root = workspace.git.run(List.of("mktree"), ("040000 tree " + shard + "\t01\n")
                .getBytes(StandardCharsets.UTF_8)).text().strip();
        workspace.git.run("update-ref", "refs/heads/entire/checkpoints/v1",
                workspace.git.run("commit-tree", root, "-m", "Checkpoint: 01KVBJCWYA4YW6J5M9GP655HZN").text().strip());
        Files.delete(workspace.repo.resolve(".git/objects/" + folder.substring(0, 2) + "/" + folder.substring(2)));
        workspace.fixtureTranscript(Sandbox.SESSION_A);

        CliRun attach = workspace.run("attach", Sandbox.SESSION_A, "--force");

        assertThat(attach.exitCode()).as(attach.err()).isZero();
        assertThat(attach.out()).contains("Attached session " + Sandbox.SESSION_A, "Linked:");
        assertThat(attach.err()).contains("branch mirror was not written", "entire migrate --checkpoints refs")
                .doesNotContain("\tat ");
        Matcher ulid = Pattern.compile("Entire-Checkpoint: ([0-9A-Z]{26})").matcher(workspace.headMessage());
        assertThat(ulid.find()).isTrue();
        String treePath = ulid.group(1).substring(0, 2) + "/" + ulid.group(1).substring(2);
        assertThat(workspace.git.tryRun(List.of("rev-parse", "--verify", "-q",
                "refs/heads/entire/checkpoints/v1:" + treePath), null).succeeded()).isFalse();

        assertThat(workspace.git.run(List.of("mktree"), folderListing).text().strip()).isEqualTo(folder);
        CliRun migrate = workspace.run("migrate", "--checkpoints", "refs");

        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        assertThat(migrate.out()).contains("repaired 1 in the v1 mirror");
        assertThat(workspace.git.run("ls-tree", "-r", "--name-only", "refs/heads/entire/checkpoints/v1").text())
                .contains(treePath + "/0/full.jsonl", treePath + "/metadata.json");
        assertThat(workspace.git.run("show", "refs/heads/entire/checkpoints/v1:" + treePath + "/metadata.json")
                .text()).contains("\"/" + treePath + "/0/full.jsonl\"");
        CliRun again = workspace.run("migrate", "--checkpoints", "refs");
        assertThat(again.out()).doesNotContain("repaired");
        assertThat(workspace.git.run("fsck", "--strict").succeeded()).isTrue();
    }

    @Test
    void explainRawTranscriptSaysSoAndFailsWhenTheTranscriptIsMissing() {
        workspace.fixtureTranscript(Sandbox.SESSION_A);
        assertThat(workspace.run("attach", Sandbox.SESSION_A, "--force").exitCode()).isZero();
        Matcher trailer = TRAILER.matcher(workspace.headMessage());
        assertThat(trailer.find()).isTrue();
        String id = trailer.group(1);
        removeFromCheckpointBranch(id, "0/full.jsonl");

        CliRun raw = workspace.run("explain", "--raw-transcript");

        assertThat(raw.exitCode()).isEqualTo(1);
        assertThat(raw.out()).isEmpty();
        assertThat(raw.err()).contains("checkpoint " + id + ": session slot 0 (" + Sandbox.SESSION_A
                + ") has no raw transcript (full.jsonl is missing)");
    }

    @Test
    void checkpointListShowsACheckpointWithoutRootMetadataMarked() {
        workspace.fixtureTranscript(Sandbox.SESSION_A);
        assertThat(workspace.run("attach", Sandbox.SESSION_A, "--force").exitCode()).isZero();
        Matcher trailer = TRAILER.matcher(workspace.headMessage());
        assertThat(trailer.find()).isTrue();
        String id = trailer.group(1);
        removeFromCheckpointBranch(id, "metadata.json");

        CliRun list = workspace.run("checkpoint", "list");
        CliRun json = workspace.run("checkpoint", "list", "--json");

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains(id).contains("[root metadata.json is missing]");
        assertThat(json.out()).contains("\"checkpoint_id\": \"" + id + "\"",
                "\"problem\": \"root metadata.json is missing\"");
    }

    /** The checkpoint as another writer (or a damaged clone) left it: one file gone, through real git plumbing. */
    private void removeFromCheckpointBranch(String id, String path) {
        Git scratch = workspace.git.withVariables(Map.of("GIT_INDEX_FILE",
                temp.resolve("checkpoint-index").toString()));
        scratch.run("read-tree", "refs/heads/entire/checkpoints/v1");
        scratch.run("rm", "-q", "--cached", id.substring(0, 2) + "/" + id.substring(2) + "/" + path);
        String tree = scratch.run("write-tree").text().strip();
        workspace.git.run("update-ref", "refs/heads/entire/checkpoints/v1", workspace.git.run("commit-tree", tree,
                "-p", "refs/heads/entire/checkpoints/v1", "-m", "Checkpoint: " + id).text().strip());
    }
}
