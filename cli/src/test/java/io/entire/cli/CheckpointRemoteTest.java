package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.Git;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bare code remote and a bare checkpoint remote over file://, two clones, the real pre-push hook: checkpoints go to
 * the checkpoint remote only, and the other clone reads them from there.
 */
class CheckpointRemoteTest {
    private static final Pattern TRAILER = Pattern.compile("Entire-Checkpoint: ([0-9a-zA-Z]+)");

    @TempDir
    Path temp;
    Path code;
    Path checkpoints;
    Sandbox alice;

    @BeforeEach
    void setUp() {
        code = bare("code.git");
        checkpoints = bare("checkpoints.git");
        alice = new Sandbox(temp.resolve("alice"));
        alice.git.run("remote", "add", "origin", code.toUri().toString());
    }

    @Test
    void aCheckpointLandsOnlyOnTheCheckpointRemoteAndAnotherCloneFetchesItOnDemand() throws IOException {
        commitSettings("{\"strategy_options\": {\"checkpoint_store\": \"refs-v1\", \"checkpoint_remote\": \""
                + checkpoints.toUri() + "\"}}");
        String id = agentCommit();

        alice.git.run("push", "-q", "origin", "main");

        assertThat(refs(code)).as("the code remote has no entire ref of any kind")
                .noneMatch(ref -> ref.contains("entire"))
                .contains("refs/heads/main");
        assertThat(refs(checkpoints)).containsExactly("refs/entire/checkpoints/" + id.substring(24) + "/" + id);
        assertThat(queue(alice)).as("confirmed refs leave the queue").isEmpty();

        Sandbox bob = cloneAs("bob");
        CliRun listed = bob.run("checkpoint", "list", "--remote", "--json");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("\"checkpoint_id\": \"" + id + "\"");
        CliRun explain = bob.run("explain", "HEAD", "--json");

        assertThat(explain.exitCode()).as(explain.err()).isZero();
        assertThat(explain.out()).contains("\"checkpoint_id\": \"" + id + "\"", "\"store\": \"refs\"",
                "\"session_id\": \"" + Sandbox.SESSION_A + "\"");
        assertThat(refs(code)).noneMatch(ref -> ref.contains("entire"));
    }

    @Test
    void theBranchAndTheV2RefsGoToTheCheckpointRemoteAndResumeReadsThemFromThere() throws IOException {
        alice.git.run("remote", "add", "checkpoints", checkpoints.toUri().toString());
        commitSettings("{\"strategy_options\": {\"checkpoints_v2\": true, \"checkpoint_remote\": \"checkpoints\"}}");
        String id = agentCommit();

        alice.git.run("push", "-q", "origin", "main");

        assertThat(refs(code)).noneMatch(ref -> ref.contains("entire"));
        assertThat(refs(checkpoints)).contains("refs/heads/entire/checkpoints/v1", "refs/entire/checkpoints/v2/main",
                "refs/entire/checkpoints/v2/full/current");
        Sandbox bob = cloneAs("bob");
        bob.git.run("remote", "add", "checkpoints", checkpoints.toUri().toString());
        CliRun resume = bob.run("resume", "main");

        assertThat(resume.exitCode()).as(resume.out() + resume.err()).isZero();
        assertThat(resume.out()).contains(Sandbox.SESSION_A);
        assertThat(bob.git.run("for-each-ref", "--format=%(refname)", "refs/remotes/checkpoints/").text())
                .contains("refs/remotes/checkpoints/entire/checkpoints/v1");
        assertThat(id).isNotEmpty();
    }

    @Test
    void anOfflineCheckpointRemoteKeepsTheQueueAndNeverFailsTheUsersPush() throws IOException {
        commitSettings("{\"strategy_options\": {\"checkpoint_store\": \"refs-v1\", \"checkpoint_remote\": \""
                + temp.resolve("nowhere.git").toUri() + "\"}}");
        agentCommit();

        var push = alice.git.tryRun(List.of("push", "origin", "main"), null);

        assertThat(push.succeeded()).as(push.stderr()).isTrue();
        assertThat(push.stderr()).contains("1 checkpoint stays queued");
        assertThat(refs(code)).contains("refs/heads/main").noneMatch(ref -> ref.contains("entire"));
        assertThat(queue(alice)).hasSize(1);
    }

    @Test
    void aSettingInheritedFromTheProjectOfAForkIsOneLineOfThePushAndTheCheckpointsStayWithTheCode() throws IOException {
        // A host that never resolves (RFC 2606): the code's pushes reach the local remote, reads of it fail at once.
        String fork = "https://git.invalid/contributor/app.git";
        alice.git.run("remote", "set-url", "origin", fork);
        alice.git.run("config", "url." + code.toUri() + ".pushInsteadOf", fork);
        commitSettings("{\"strategy_options\": {\"checkpoint_store\": \"refs-v1\", \"checkpoint_remote\":"
                + " \"https://git.invalid/acme/app-checkpoints.git\"}}");
        agentCommit();

        var push = alice.git.tryRun(List.of("push", "origin", "main"), null);

        assertThat(push.succeeded()).as(push.stderr()).isTrue();
        assertThat(push.stderr().lines().filter(line -> line.contains("checkpoint_remote")))
                .as("the warning once, in entire's words: %s", push.stderr()).singleElement().asString()
                .startsWith("entire: pre-push: strategy_options.checkpoint_remote").contains("ignored", "contributor");
        assertThat(push.stderr()).contains("could not reach 'origin'");
        assertThat(queue(alice)).hasSize(1);
    }

    @Test
    void aNewCheckpointRemoteMovesNothingUntilPushToMovesIt() throws IOException {
        commitSettings("{\"strategy_options\": {\"checkpoint_store\": \"refs-v1\"}}");
        String id = agentCommit();
        alice.git.run("push", "-q", "origin", "main");
        assertThat(refs(code)).anyMatch(ref -> ref.endsWith(id));
        Files.writeString(alice.repo.resolve(".entire/settings.json"), "{\"strategy_options\": {\"checkpoint_store\":"
                + " \"refs-v1\", \"checkpoint_remote\": \"" + checkpoints.toUri() + "\"}}");

        CliRun told = alice.run("checkpoint", "push");

        assertThat(told.exitCode()).as(told.err()).isZero();
        assertThat(told.out()).contains("Checkpoints go to the checkpoint remote " + checkpoints.toUri(),
                "--to <remote>");
        assertThat(refs(checkpoints)).as("nothing moved silently").isEmpty();

        CliRun moved = alice.run("checkpoint", "push", "--to", checkpoints.toUri().toString());

        assertThat(moved.exitCode()).as(moved.out() + moved.err()).isZero();
        assertThat(refs(checkpoints)).containsExactly("refs/entire/checkpoints/" + id.substring(24) + "/" + id);
        assertThat(queue(alice)).isEmpty();
    }

    @Test
    void migrateToRefsTakesTheOldShardRefsOffACheckpointRemoteGivenAsAUrl() throws IOException {
        commitSettings("{\"strategy_options\": {\"checkpoint_remote\": \"" + checkpoints.toUri() + "\"}}");
        String id = agentCommit();
        while (id.startsWith(id.substring(10))) {   // both layouts shard such an id under the same two characters
            id = agentCommit();
        }
        CliRun first = alice.run("migrate", "--checkpoints", "refs");
        assertThat(first.exitCode()).as(first.err()).isZero();
        // As an earlier version left it: the ref under the id's first two characters, pushed to the checkpoint remote.
        String lastTwo = "refs/entire/checkpoints/" + id.substring(10) + "/" + id;
        String firstTwo = "refs/entire/checkpoints/" + id.substring(0, 2) + "/" + id;
        alice.git.run("update-ref", firstTwo, lastTwo);
        alice.git.run("update-ref", "-d", lastTwo);
        alice.git.run("push", "-q", checkpoints.toUri().toString(), firstTwo + ":" + firstTwo);
        assertThat(refs(checkpoints)).contains(firstTwo);

        CliRun migrated = alice.run("migrate", "--checkpoints", "refs");

        assertThat(migrated.exitCode()).as(migrated.err()).isZero();
        assertThat(migrated.out() + migrated.err()).contains("removed 1 old refs from " + checkpoints.toUri());
        assertThat(refs(checkpoints)).as("confirmed under the last two, then the old one deleted")
                .contains(lastTwo).doesNotContain(firstTwo);
        assertThat(refs(code)).noneMatch(ref -> ref.contains("entire/checkpoints/"));
    }

    @Test
    void enableWritesTheCheckpointRemoteIntoTheProjectSettings() throws IOException {
        CliRun enable = alice.run("enable", "--project", "--checkpoint-remote", checkpoints.toUri().toString());

        assertThat(enable.exitCode()).as(enable.err()).isZero();
        assertThat(Files.readString(alice.repo.resolve(".entire/settings.json")))
                .contains("\"checkpoint_remote\": \"" + checkpoints.toUri() + "\"");
    }

    @Test
    void aCheckpointRemoteOfTheWrongShapeIsAnErrorNamingTheFileAndTheKey() throws IOException {
        Files.createDirectories(alice.repo.resolve(".entire"));
        Files.writeString(alice.repo.resolve(".entire/settings.json"),
                "{\"strategy_options\": {\"checkpoint_remote\": {\"provider\": \"sourceforge\", \"repo\": \"a/b\"}}}");

        CliRun push = alice.run("checkpoint", "push");

        assertThat(push.exitCode()).isNotZero();
        assertThat(push.err()).contains("settings.json", "strategy_options.checkpoint_remote.provider",
                "sourceforge").doesNotContain("Exception");
    }

    private void commitSettings(String json) throws IOException {
        Files.createDirectories(alice.repo.resolve(".entire"));
        Files.writeString(alice.repo.resolve(".entire/settings.json"), json);
        alice.git.run("add", ".entire/settings.json");
        alice.git.run("commit", "-q", "-m", "initial");
        alice.git.run("push", "-q", "origin", "main");
        installPrePush(alice);
    }

    private String agentCommit() {
        alice.fixtureTranscript(Sandbox.SESSION_A);
        alice.commit("agent work");
        CliRun attach = alice.run("attach", Sandbox.SESSION_A, "--force");
        assertThat(attach.exitCode()).as(attach.err()).isZero();
        Matcher matcher = TRAILER.matcher(alice.headMessage());
        assertThat(matcher.find()).as(alice.headMessage()).isTrue();
        return matcher.group(1);
    }

    private Sandbox cloneAs(String name) {
        Path directory = temp.resolve(name);
        new Git(temp).run("clone", "-q", code.toUri().toString(), directory.toString());
        return Sandbox.existing(directory, alice.claudeConfig);
    }

    private Path bare(String name) {
        Path path = temp.resolve(name);
        new Git(temp).run("init", "-q", "--bare", "-b", "main", path.toString());
        return path;
    }

    private static List<String> refs(Path bare) {
        return new Git(bare).run("for-each-ref", "--format=%(refname)").text().lines().toList();
    }

    /** The real hook git runs: the CLI on this test's classpath. */
    private static void installPrePush(Sandbox workspace) throws IOException {
        Path hook = workspace.repo.resolve(".git/hooks/pre-push");
        Files.createDirectories(hook.getParent());
        Files.writeString(hook, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' -cp '" + System.getProperty("java.class.path")
                + "' io.entire.cli.Main hooks git pre-push \"$@\"\n",
                StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static List<String> queue(Sandbox workspace) throws IOException {
        Path file = workspace.repo.resolve(".git/entire-checkpoint-push-queue.jsonl");
        return Files.exists(file) ? Files.readAllLines(file).stream().filter(line -> !line.isBlank()).toList()
                : List.of();
    }
}
