package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.Git;
import io.entire.core.git.GitResult;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonArray;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two clones of one bare remote over file://, with the real pre-push hook and the ref store. */
class PushAndFetchTest {
    private static final Pattern TRAILER = Pattern.compile("Entire-Checkpoint: ([0-9A-Z]{26})");

    @TempDir
    Path temp;
    Path remote;
    Sandbox alice;

    @BeforeEach
    void setUp() throws IOException {
        remote = bare("remote.git");
        alice = new Sandbox(temp.resolve("alice"));
        alice.git.run("remote", "add", "origin", remote.toUri().toString());
        alice.commit("initial");
        alice.git.run("push", "-q", "origin", "main");
        refsMode(alice);
        installPrePush(alice);
    }

    @Test
    void aCheckpointPushedByOneCloneIsExplainedInAnotherByFetchingOneRef() throws IOException {
        CliRun none = alice.run("checkpoint", "list", "--remote");
        assertThat(none.exitCode()).as(none.err()).isZero();
        assertThat(none.err()).isEqualTo("No checkpoint refs on origin.\n");
        committedAndAttached();
        String id = checkpointOf(alice.headMessage());

        alice.git.run("push", "-q", "origin", "main");

        Git remoteGit = new Git(remote);
        assertThat(remoteGit.run("for-each-ref", "--format=%(refname)", "refs/entire/").text())
                .isEqualTo("refs/entire/checkpoints/" + id.substring(24) + "/" + id);
        assertThat(queue(alice)).as("confirmed refs leave the queue").isEmpty();

        Sandbox bob = cloneAs("bob");
        CliRun listed = bob.run("checkpoint", "list", "--remote", "--json");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        JsonObject first = (JsonObject) ((JsonArray) new JsonReader()
                .parse(listed.out().getBytes(StandardCharsets.UTF_8))).elements().get(0);
        assertThat(first.findString("checkpoint_id")).contains(id);
        assertThat(bob.git.run("for-each-ref", "refs/entire/").text()).as("listing fetches nothing").isEmpty();

        CliRun explain = bob.run("explain", "HEAD", "--json");

        assertThat(explain.exitCode()).as(explain.err()).isZero();
        assertThat(explain.out()).contains("\"checkpoint_id\": \"" + id + "\"", "\"store\": \"refs\"",
                "\"session_id\": \"" + Sandbox.SESSION_A + "\"");
        assertThat(bob.git.run("for-each-ref", "--format=%(refname)", "refs/entire/").text().lines())
                .as("exactly one ref fetched").hasSize(1);
        assertThat(queue(bob)).as("fetched refs are never queued").isEmpty();
    }

    @Test
    void explainAsksTheRemoteForTheOneCheckpointRefItNeedsAndNoOther() throws IOException {
        committedAndAttached();
        String id = checkpointOf(alice.headMessage());
        alice.git.run("push", "-q", "origin", "main");
        Git remoteGit = new Git(remote);
        remoteGit.run("update-ref", "refs/entire/checkpoints/ZZ/01ARZ3NDEKTSV4RRFFQ69G5FZZ",
                remoteGit.run("rev-parse", "main").text());
        Sandbox bob = cloneAs("bob");
        Path trace = temp.resolve("packets.log");
        Map<String, String> env = new HashMap<>(bob.env());
        env.put("GIT_TRACE_PACKET", trace.toString());

        CliRun explain = CliRun.run(bob.repo, env, "explain", "HEAD", "--json");

        assertThat(explain.exitCode()).as(explain.err()).isZero();
        assertThat(explain.out()).contains("\"checkpoint_id\": \"" + id + "\"");
        assertThat(Files.readString(trace)).as("the remote listed the wanted ref only").contains(id)
                .doesNotContain("01ARZ3NDEKTSV4RRFFQ69G5FZZ");
        assertThat(bob.git.run("for-each-ref", "--format=%(refname)", "refs/entire/").text())
                .isEqualTo("refs/entire/checkpoints/" + id.substring(24) + "/" + id);
    }

    @Test
    void pushingToASecondRemoteStillPushesTheQueuedRefsThere() throws IOException {
        Path second = bare("second.git");
        alice.git.run("remote", "add", "second", second.toUri().toString());
        committedAndAttached();

        alice.git.run("push", "-q", "second", "main");

        assertThat(new Git(second).run("for-each-ref", "refs/entire/").text())
                .contains(checkpointOf(alice.headMessage()));
        assertThat(queue(alice)).isEmpty();
    }

    @Test
    void aPushRejectedBecauseSomeoneAddedASessionIsReconciled() throws IOException {
        committedAndAttached();
        String id = checkpointOf(alice.headMessage());
        alice.git.run("push", "-q", "origin", "main");

        Sandbox bob = cloneAs("bob");
        assertThat(bob.run("explain", "HEAD").exitCode()).isZero();
        bob.fixtureTranscript(Sandbox.SESSION_B);
        assertThat(bob.run("attach", Sandbox.SESSION_B).exitCode()).isZero();
        assertThat(bob.run("checkpoint", "push", "origin").exitCode()).isZero();

        alice.transcript("late-session", Files.readString(Sandbox.FIXTURES.resolve("claude-code")
                .resolve(Sandbox.SESSION_A + ".jsonl")).replace(Sandbox.SESSION_A, "late-session"));
        assertThat(alice.run("attach", "late-session").exitCode()).isZero();
        CliRun push = alice.run("checkpoint", "push", "origin");

        assertThat(push.exitCode()).as(push.out() + push.err()).isZero();
        assertThat(push.out()).contains("1 reconciled");
        String ref = "refs/entire/checkpoints/" + id.substring(24) + "/" + id;
        String root = new Git(remote).run("show", ref + ":metadata.json").text();
        assertThat(root).contains("/0/metadata.json", "/1/metadata.json", "/2/metadata.json");
        assertThat(new Git(remote).run("log", "--format=%s", ref).text().lines()).hasSize(3);
        assertThat(new Git(remote).run("fsck", "--strict").succeeded()).isTrue();
    }

    @Test
    void anOfflineRemoteLeavesTheQueueIntactAndNeverFailsThePush() throws IOException {
        committedAndAttached();
        alice.git.run("remote", "set-url", "origin", temp.resolve("nowhere.git").toUri().toString());

        CliRun hook = alice.run("hooks", "git", "pre-push", "origin", temp.resolve("nowhere.git").toString());
        CliRun command = alice.run("checkpoint", "push");

        assertThat(hook.exitCode()).isZero();
        assertThat(hook.err()).contains("could not reach 'origin'", "1 checkpoint stays queued",
                "'entire checkpoint push' retries");
        assertThat(command.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(queue(alice)).hasSize(1);
    }

    @Test
    void aRemoteNamedOnTheCommandLineThatIsNoRemoteIsAUsageErrorAndNothingIsQueued() throws IOException {
        committedAndAttached();
        alice.git.run("push", "-q", "origin", "main");
        List<String> queued = queue(alice);

        CliRun push = alice.run("checkpoint", "push", "nosuch");
        CliRun to = alice.run("checkpoint", "push", "--to", "nosuch");
        CliRun list = alice.run("checkpoint", "list", "--remote", "nosuch");

        for (CliRun run : List.of(push, to, list)) {
            assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(run.err()).isEqualTo("entire: no remote named 'nosuch' and no repository at that path;"
                    + " 'git remote -v' lists this repository's remotes\n");
        }
        assertThat(queue(alice)).isEqualTo(queued);
        // A path and a URL are remotes as git takes them.
        Path other = bare("other.git");
        assertThat(alice.run("checkpoint", "push", "--to", other.toString()).exitCode()).isZero();
        assertThat(alice.run("checkpoint", "list", "--remote", other.toUri().toString()).out())
                .contains(checkpointOf(alice.headMessage()));
    }

    @Test
    void anOfflineRemoteInBranchModeSpeaksOfNoQueue() throws IOException {
        Files.delete(alice.repo.resolve(".entire/settings.json"));
        committedAndAttached();
        alice.git.run("remote", "set-url", "origin", temp.resolve("nowhere.git").toUri().toString());

        CliRun command = alice.run("checkpoint", "push");

        assertThat(command.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(command.out()).isEmpty();
        assertThat(command.err().lines()).as(command.err()).singleElement().asString()
                .contains("could not reach 'origin'", "the checkpoint branch was not pushed",
                        "'entire checkpoint push' retries")
                .doesNotContain("queue");
    }

    @Test
    void aRefusedCheckpointBranchIsSentAgainByTheNextPushAndARefusedCheckpointRefStaysQueued() throws IOException {
        receiveHook("echo 'rejected by policy' >&2\nexit 1");
        Files.delete(alice.repo.resolve(".entire/settings.json"));
        committedAndAttached();

        CliRun branch = alice.run("checkpoint", "push");

        assertThat(branch.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(branch.err().lines()).as(branch.err()).singleElement().asString()
                .startsWith("entire: not pushed: entire/checkpoints/v1: ").endsWith("; the next push sends it again");
        refsMode(alice);
        committedAndAttached();

        CliRun refs = alice.run("checkpoint", "push");

        assertThat(refs.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(refs.err()).contains("entire: not pushed, stays queued: ");
    }

    @Test
    void aPushSaysWhatWentOutAndNothingWhenNothingDid() throws IOException {
        Files.delete(alice.repo.resolve(".entire/settings.json"));
        committedAndAttached();
        String url = remote.toUri().toString();

        CliRun first = alice.run("hooks", "git", "pre-push", "origin", url);
        CliRun second = alice.run("hooks", "git", "pre-push", "origin", url);
        CliRun command = alice.run("checkpoint", "push");

        assertThat(first.err()).isEqualTo("entire: pushed the checkpoint branch to origin\n");
        assertThat(second.err()).as("nothing to push, nothing said").isEmpty();
        assertThat(second.out()).isEmpty();
        assertThat(command.exitCode()).isZero();
        assertThat(command.out()).isEqualTo("Nothing to push: origin has every checkpoint.\n");
    }

    @Test
    void anUnreachableRemoteIsOneLineOnStderrOfTheCommand() throws Exception {
        committedAndAttached();
        alice.git.run("remote", "set-url", "origin", temp.resolve("nowhere.git").toUri().toString());

        // A process of its own: what java.util.logging would print goes to the real stderr, not to CliRun's writer.
        ProcessBuilder builder = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                "io.entire.cli.Main", "checkpoint", "push").directory(alice.repo.toFile());
        builder.environment().putAll(alice.env());
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).isEqualTo(ExitCode.FAILED);
        assertThat(out).isEmpty();
        assertThat(err.lines()).as(err).singleElement().asString().contains("could not reach 'origin'",
                "1 checkpoint stays queued", "(details in .entire/logs/entire.log)");
        assertThat(queue(alice)).hasSize(1);
    }

    @Test
    void whereEntireWasNeverSetUpAnUnreachableRemoteIsNotSentToALogThatIsNotThere() {
        Path plain = temp.resolve("plain");
        new Git(temp).run("init", "-q", plain.toString());
        new Git(plain).run("remote", "add", "origin", temp.resolve("nowhere.git").toUri().toString());

        CliRun push = CliRun.run(plain, alice.env(), "checkpoint", "push");

        assertThat(push.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(push.err()).contains("could not reach 'origin'").doesNotContain("details in");
        assertThat(plain.resolve(".entire")).doesNotExist();
    }

    @Test
    void aSlowRemoteNeverHoldsTheUsersPushAndGetsTheCheckpointsFromALaterPush() throws IOException {
        receiveHook("[ -e slow ] && grep -q ' refs/entire/' && sleep 60\nexit 0");
        Files.writeString(remote.resolve("slow"), "");
        committedAndAttached();

        GitResult push = alice.git.withVariables(Map.of(GitHooks.PUSH_TIME_VARIABLE, "1"))
                .tryRun(List.of("push", "-q", "origin", "main"), null);

        assertThat(push.succeeded()).as(push.stderr()).isTrue();
        assertThat(push.stderr()).contains("ran out of time", "stays queued");
        assertThat(new Git(remote).run("rev-parse", "main").text()).isEqualTo(alice.head());
        assertThat(new Git(remote).run("for-each-ref", "refs/entire/").text()).as("stopped, not waited for").isEmpty();
        assertThat(queue(alice)).hasSize(1);

        Files.delete(remote.resolve("slow"));
        CliRun later = alice.run("checkpoint", "push");

        assertThat(later.exitCode()).as(later.err()).isZero();
        assertThat(new Git(remote).run("for-each-ref", "refs/entire/").text())
                .contains(checkpointOf(alice.headMessage()));
        assertThat(queue(alice)).isEmpty();
    }

    @Test
    void theQueuedRefTheBranchAndTheV2RefsGoInOnePush() throws IOException {
        receiveHook("cat >> pushes.log\necho end >> pushes.log");
        Files.writeString(alice.repo.resolve(".entire/settings.json"),
                "{\"strategy_options\": {\"checkpoint_store\": \"refs-v1-mirror\", \"checkpoints_v2\": true}}");
        committedAndAttached();

        CliRun push = alice.run("checkpoint", "push");

        assertThat(push.exitCode()).as(push.err()).isZero();
        List<String> received = Files.readAllLines(remote.resolve("pushes.log"));
        assertThat(received).as("one push").containsOnlyOnce("end");
        assertThat(received).anyMatch(line -> line.endsWith(" refs/heads/entire/checkpoints/v1"))
                .anyMatch(line -> line.endsWith(" refs/entire/checkpoints/v2/main"))
                .anyMatch(line -> line.endsWith(" refs/entire/checkpoints/v2/full/current"))
                .anyMatch(line -> line.contains(" refs/entire/checkpoints/" + checkpointOf(alice.headMessage())
                        .substring(24) + "/"));
        assertThat(queue(alice)).isEmpty();
    }

    @Test
    void pushSessionsFalseDisablesThePush() throws IOException {
        Files.writeString(alice.repo.resolve(".entire/settings.local.json"),
                "{\"strategy_options\": {\"push_sessions\": false}}");
        committedAndAttached();

        alice.git.run("push", "-q", "origin", "main");

        assertThat(new Git(remote).run("for-each-ref", "refs/entire/").text()).isEmpty();
        assertThat(queue(alice)).hasSize(1);
    }

    @Test
    void branchModePushesTheCheckpointBranchAndMergesWhenRejected() throws IOException {
        Files.delete(alice.repo.resolve(".entire/settings.json"));
        committedAndAttached();
        alice.git.run("push", "-q", "origin", "main");
        Sandbox bob = cloneAs("bob");
        Files.delete(bob.repo.resolve(".entire/settings.json"));
        bob.git.run("fetch", "-q", "origin", "entire/checkpoints/v1:entire/checkpoints/v1");
        bob.fixtureTranscript(Sandbox.SESSION_B);
        bob.commit("bob's work");
        assertThat(bob.run("attach", Sandbox.SESSION_B, "--force").exitCode()).isZero();
        assertThat(bob.run("checkpoint", "push").exitCode()).isZero();

        alice.transcript("late-session", Files.readString(Sandbox.FIXTURES.resolve("claude-code")
                .resolve(Sandbox.SESSION_A + ".jsonl")).replace(Sandbox.SESSION_A, "late-session"));
        alice.commit("more work");
        assertThat(alice.run("attach", "late-session", "--force").exitCode()).isZero();
        CliRun push = alice.run("checkpoint", "push");

        assertThat(push.exitCode()).as(push.out() + push.err()).isZero();
        CliRun list = CliRun.run(remote, alice.env(), "checkpoint", "list");
        String tree = new Git(remote).run("ls-tree", "-r", "--name-only", "entire/checkpoints/v1").text();
        assertThat(tree.lines().filter(path -> path.endsWith("/0/metadata.json")).count())
                .as("all three checkpoints on the remote branch" + list.err()).isEqualTo(3);
    }

    @Test
    void withV2OnAttachWritesV2AndThePushCarriesItsRefs() throws IOException {
        Files.writeString(alice.repo.resolve(".entire/settings.json"),
                "{\"strategy_options\": {\"checkpoints_v2\": true}}");
        alice.fixtureTranscript(Sandbox.SESSION_A);
        alice.commit("agent work");
        CliRun attach = alice.run("attach", Sandbox.SESSION_A, "--force");
        assertThat(attach.exitCode()).as(attach.err()).isZero();
        assertThat(attach.err()).doesNotContain("warning");

        alice.git.run("push", "-q", "origin", "main");

        String remoteRefs = new Git(remote).run("for-each-ref", "--format=%(refname)", "refs/").text();
        assertThat(remoteRefs).contains("refs/heads/entire/checkpoints/v1", "refs/entire/checkpoints/v2/main",
                "refs/entire/checkpoints/v2/full/current");
        assertThat(new Git(remote).run("ls-tree", "-r", "--name-only", "refs/entire/checkpoints/v2/main").text())
                .contains("/0/transcript.jsonl", "/0/transcript_hash.txt");
        CliRun explain = alice.run("explain", "--json");
        assertThat(explain.out()).contains("\"store\": \"branch\"");
    }

    private Sandbox cloneAs(String name) throws IOException {
        Path directory = temp.resolve(name);
        new Git(temp).run("clone", "-q", remote.toUri().toString(), directory.toString());
        Sandbox workspace = Sandbox.existing(directory, alice.claudeConfig);
        refsMode(workspace);
        return workspace;
    }

    private Path bare(String name) {
        Path path = temp.resolve(name);
        new Git(temp).run("init", "-q", "--bare", "-b", "main", path.toString());
        return path;
    }

    /** The remote's pre-receive hook: {@code script} runs with the pushed refs on stdin, in the bare repository. */
    private void receiveHook(String script) throws IOException {
        Path hook = remote.resolve("hooks/pre-receive");
        Files.createDirectories(hook.getParent());
        Files.writeString(hook, "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void refsMode(Sandbox workspace) throws IOException {
        Files.createDirectories(workspace.repo.resolve(".entire"));
        Files.writeString(workspace.repo.resolve(".entire/settings.json"),
                "{\"strategy_options\": {\"checkpoint_store\": \"refs-v1\"}}");
    }

    /** The real hook git runs: the CLI on this test's classpath. */
    private static void installPrePush(Sandbox workspace) throws IOException {
        Path hook = workspace.repo.resolve(".git/hooks/pre-push");
        Files.createDirectories(hook.getParent());
        Files.writeString(hook, "#!/bin/sh\nexec '" + java() + "' -cp '" + System.getProperty("java.class.path")
                + "' io.entire.cli.Main hooks git pre-push \"$@\"\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static List<String> queue(Sandbox workspace) throws IOException {
        Path file = workspace.repo.resolve(".git/entire-checkpoint-push-queue.jsonl");
        return Files.exists(file) ? Files.readAllLines(file).stream().filter(line -> !line.isBlank()).toList()
                : List.of();
    }

    /** Alice commits agent work and attaches the fixture session to it. */
    private void committedAndAttached() {
        alice.fixtureTranscript(Sandbox.SESSION_A);
        alice.commit("agent work");
        CliRun attach = alice.run("attach", Sandbox.SESSION_A, "--force");
        assertThat(attach.exitCode()).as(attach.err()).isZero();
    }

    private static String checkpointOf(String message) {
        Matcher matcher = TRAILER.matcher(message);
        assertThat(matcher.find()).as(message).isTrue();
        return matcher.group(1);
    }
}
