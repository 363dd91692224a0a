package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.agent.claudecode.ClaudeTranscriptLocator;
import io.entire.core.git.Git;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code entire resume} in a second clone, at another path and with another Claude Code configuration, of a
 * repository whose first clone recorded a session with the real hooks and pushed its checkpoint to a bare remote over
 * file://: the checkpoint is only on the remote until resume fetches it.
 */
class ResumeCommandTest {
    @TempDir
    Path temp;
    Path remote;
    Sandbox alice;
    LiveCapture aliceLive;
    ClaudeSession session;
    String checkpoint;

    @BeforeEach
    void setUp() throws IOException {
        remote = temp.resolve("remote.git");
        new Git(temp).run("init", "-q", "--bare", "-b", "main", remote.toString());
        alice = new Sandbox(temp.resolve("alice"));
        alice.git.run("remote", "add", "origin", remote.toUri().toString());
        Files.writeString(alice.repo.resolve("README.md"), "readme\n");
        alice.git.run("add", ".");
        alice.commit("initial");
        refsMode(alice);
        aliceLive = new LiveCapture(alice);
        aliceLive.enable();
        session = new ClaudeSession(alice, Sandbox.SESSION_A);
        session.prompt("Write a lexer").write("src/lexer.txt", "lex\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();
        aliceLive.userGit.run("add", "src");
        aliceLive.userGit.run("commit", "-q", "-m", "Add the lexer");
        checkpoint = aliceLive.headCheckpoint().orElseThrow(() -> new AssertionError("the commit is linked"));
        aliceLive.userGit.run("push", "-q", "origin", "main");
        CliRun push = aliceLive.run("checkpoint", "push");
        assertThat(push.exitCode()).as(push.err()).isZero();
    }

    @Test
    void resumesInASecondCloneFromACheckpointOnlyTheRemoteHas() throws IOException {
        Sandbox bob = cloneAs("bob");
        assertThat(bob.git.run("for-each-ref", "refs/entire/").text()).as("a clone has no checkpoint refs").isEmpty();

        CliRun run = bob.run("resume", "main");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("claude -r " + Sandbox.SESSION_A);
        Path restored = transcriptOf(bob);
        assertThat(restored).exists();
        String content = Files.readString(restored);
        assertThat(content).as("paths point into this clone").contains(bob.repo.resolve("src/lexer.txt").toString())
                .doesNotContain(alice.repo.toString() + "/").doesNotContain("\"" + alice.repo + "\"");
        assertThat(content.lines().count()).isEqualTo(session.lines());
    }

    @Test
    void aCodexSessionGoesBackWhereCodexFindsItAndCodexsOwnResumeCommandIsPrinted() throws IOException {
        CodexRecording codex = new CodexRecording(alice, aliceLive).runFirstTurn();
        aliceLive.userGit.run("add", "greeting.txt");
        aliceLive.userGit.run("commit", "-q", "-m", "Add a greeting");
        assertThat(aliceLive.headCheckpoint()).as("the commit is linked").isPresent().get().isNotEqualTo(checkpoint);
        aliceLive.userGit.run("push", "-q", "origin", "main");
        CliRun push = aliceLive.run("checkpoint", "push");
        assertThat(push.exitCode()).as(push.err()).isZero();
        Sandbox bob = cloneAs("bob");

        CliRun run = bob.run("resume", "main");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("codex resume " + CodexRecording.SESSION_ID)
                .doesNotContain("claude -r " + CodexRecording.SESSION_ID);
        Path restored = CodexRecording.findRollout(bob).orElseThrow(() -> new AssertionError(
                "Codex finds no rollout of the session after: " + run.out()));
        Path sessions = CodexRecording.codexHome(bob).resolve("sessions");
        assertThat(restored).as("in a YYYY/MM/DD folder of bob's Codex sessions").startsWith(sessions);
        assertThat(sessions.relativize(restored).getNameCount()).isEqualTo(4);
        assertThat(Files.readAllBytes(restored)).as("as stored, byte for byte")
                .isEqualTo(Files.readAllBytes(codex.rollout()));
        assertThat(transcriptOf(bob, CodexRecording.SESSION_ID)).as("not in Claude Code's folder").doesNotExist();
    }

    @Test
    void aNewerLocalTranscriptIsKeptUnlessForced() throws IOException {
        Sandbox bob = cloneAs("bob");
        assertThat(bob.run("resume", checkpoint).exitCode()).isZero();
        Path restored = transcriptOf(bob);
        Files.writeString(restored, "{\"type\":\"user\",\"note\":\"bob went on\"}\n", StandardOpenOption.APPEND);
        String newer = Files.readString(restored);

        CliRun again = bob.run("resume", checkpoint);

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out() + again.err()).contains("--force");
        assertThat(Files.readString(restored)).isEqualTo(newer);

        CliRun forced = bob.run("resume", checkpoint, "--force");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(Files.readString(restored)).doesNotContain("bob went on");
    }

    @Test
    void switchingBranchesWithChangesInTheWorkTreeIsRefused() throws IOException {
        Sandbox bob = cloneAs("bob");
        bob.git.run("switch", "-q", "-c", "other");
        Files.writeString(bob.repo.resolve("README.md"), "edited by bob\n");

        CliRun run = bob.run("resume", "main");

        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(run.err().strip()).contains("README.md").doesNotContain("\n");
        assertThat(bob.git.run("branch", "--show-current").text().strip()).isEqualTo("other");
        assertThat(transcriptOf(bob)).doesNotExist();
    }

    @Test
    void anUnknownTargetIsOneLineAndWritesNothing() throws IOException {
        Sandbox bob = cloneAs("bob");

        CliRun run = bob.run("resume", "0123456789ab");

        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(run.err().strip()).contains("0123456789ab").doesNotContain("\n");
        assertThat(transcriptOf(bob)).doesNotExist();
    }

    @Test
    void aBranchWhoseCheckpointNoStoreHasIsNotSwitchedTo() throws IOException {
        Sandbox bob = cloneAs("bob");
        bob.git.run("switch", "-q", "-c", "feature");
        bob.git.run("commit", "-q", "--allow-empty", "-m", "Lost\n\nEntire-Checkpoint: 0123456789ab");
        bob.git.run("switch", "-q", "main");

        CliRun run = bob.run("resume", "feature");

        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(run.err().strip()).contains("0123456789ab").doesNotContain("\n");
        assertThat(bob.git.run("branch", "--show-current").text().strip()).as("nothing changed").isEqualTo("main");
        assertThat(transcriptOf(bob)).doesNotExist();
    }

    @Test
    void inBranchModeTheCheckpointBranchIsFetchedWhenOnlyTheRemoteHasIt() throws IOException {
        Path branchRemote = temp.resolve("branch-remote.git");
        new Git(temp).run("init", "-q", "--bare", "-b", "main", branchRemote.toString());
        Sandbox carol = new Sandbox(temp.resolve("carol"));
        carol.git.run("remote", "add", "origin", branchRemote.toUri().toString());
        Files.writeString(carol.repo.resolve("README.md"), "readme\n");
        carol.git.run("add", ".");
        carol.commit("initial");
        carol.git.run("push", "-q", "origin", "main");
        Path daveRepo = temp.resolve("dave");
        new Git(temp).run("clone", "-q", branchRemote.toUri().toString(), daveRepo.toString());
        Sandbox dave = Sandbox.existing(daveRepo, temp.resolve("dave-claude"));
        LiveCapture carolLive = new LiveCapture(carol);
        carolLive.enable();
        ClaudeSession carolSession = new ClaudeSession(carol, Sandbox.SESSION_B);
        carolSession.prompt("Write a parser").write("parser.txt", "parse\n").say("Done.");
        assertThat(carolSession.stop().exitCode()).isZero();
        carolLive.userGit.run("add", "parser.txt");
        carolLive.userGit.run("commit", "-q", "-m", "Add the parser");
        carolLive.userGit.run("push", "-q", "origin", "main");
        dave.git.run("pull", "-q", "--ff-only", "origin", "main");
        assertThat(dave.git.run("for-each-ref", "refs/remotes/origin/entire/").text()).isEmpty();

        CliRun run = dave.run("resume", "main");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("claude -r " + Sandbox.SESSION_B);
        Path restored = dave.claudeConfig.resolve("projects").resolve(ClaudeTranscriptLocator.sanitize(
                dave.repo.toRealPath())).resolve(Sandbox.SESSION_B + ".jsonl");
        assertThat(Files.readString(restored)).contains(dave.repo.resolve("parser.txt").toString())
                .doesNotContain(carol.repo + "/");
    }

    /** A clone at another path, on "another machine": a Claude Code configuration of its own. */
    private Sandbox cloneAs(String name) throws IOException {
        Path directory = temp.resolve(name);
        new Git(temp).run("clone", "-q", remote.toUri().toString(), directory.toString());
        Sandbox workspace = Sandbox.existing(directory, temp.resolve(name + "-claude"));
        refsMode(workspace);
        return workspace;
    }

    private static Path transcriptOf(Sandbox workspace) throws IOException {
        return transcriptOf(workspace, Sandbox.SESSION_A);
    }

    private static Path transcriptOf(Sandbox workspace, String sessionId) throws IOException {
        return workspace.claudeConfig.resolve("projects").resolve(ClaudeTranscriptLocator.sanitize(
                workspace.repo.toRealPath())).resolve(sessionId + ".jsonl");
    }

    private static void refsMode(Sandbox workspace) throws IOException {
        Files.createDirectories(workspace.repo.resolve(".entire"));
        Files.writeString(workspace.repo.resolve(".entire/settings.json"),
                "{\"strategy_options\": {\"checkpoint_store\": \"refs-v1\"}}");
    }
}
