package io.entire.cli;

import static io.entire.cli.TestFiles.read;
import static io.entire.cli.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.Git;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A prompt hook in a JVM of its own answers by exiting, so it stages the work tree as the turn found it beside the
 * rest of the turn's start, on another core, and exits when both are done. Each hook runs in a real JVM started from
 * this test's class path, with a git first on its PATH that logs every call and stops at the one the test names
 * ({@link StoppingGit}), so the test knows where the hook is.
 */
@DisabledOnOs(OS.WINDOWS)
class OwnProcessPromptTest {
    @TempDir
    Path temp;
    Sandbox workspace;
    StoppingGit git;

    @BeforeEach
    void setUp() throws IOException {
        workspace = Sandbox.withReadme(temp.resolve("work"));
        assertThat(new LiveCapture(workspace).enable().exitCode()).isZero();
        git = StoppingGit.install(temp);
    }

    @AfterEach
    void endProcesses() {
        git.endStoppedProcesses();
    }

    @Test
    void theSnapshotRunsWhileTheTurnsStartIsStillBeingRecorded() throws Exception {
        ClaudeSession session = inOwnJvm();
        // A session's first prompt lists the untracked files with git status before it saves the state.
        git.stopAt("status");

        CompletableFuture<ClaudeSession> prompt = CompletableFuture.supplyAsync(
                () -> session.prompt("Write the parser"));
        git.awaitStop();
        git.awaitCall("add --all");   // the snapshot's git, while the start still waits for git status
        git.go();
        prompt.get(60, TimeUnit.SECONDS);

        session.write("parser.txt", "parse\n").say("Wrote the parser.");
        assertThat(session.stop().exitCode()).isZero();
        assertThatTheCommitHasTheTurn();
    }

    @Test
    void theJvmKilledWhileItsSnapshotRunsLosesNothing() throws Exception {
        ClaudeSession first = inOwnJvm();
        first.prompt("Write the readme").write("README.md", "readme, longer\n").say("Done.");
        assertThat(first.stop().exitCode()).isZero();
        ClaudeSession session = inOwnJvm();
        git.stopAt("add --all");

        CompletableFuture<ClaudeSession> prompt = CompletableFuture.supplyAsync(
                () -> session.prompt("Write the parser"));
        long[] stopped = git.awaitStop();
        awaitSavedPrompt("Write the parser");
        ProcessHandle.of(stopped[0]).ifPresent(ProcessHandle::destroyForcibly);   // kill -9 of the hook's JVM
        ProcessHandle.of(stopped[1]).ifPresent(ProcessHandle::destroyForcibly);
        assertThat(prompt).failsWithin(Duration.ofSeconds(60));   // the agent sees a hook that died

        ClaudeSession unstopped = new ClaudeSession(workspace, Sandbox.SESSION_A);
        unstopped.typed("Write the parser").write("parser.txt", "parse\n").say("Wrote the parser.");
        assertThat(unstopped.stop().exitCode()).isZero();
        assertThatTheCommitHasTheTurn();
    }

    @Test
    void theWorkTreeTheLauncherStagedIsTheTurnsStartAndTheHookStartsNoGit() throws Exception {
        ClaudeSession first = inOwnJvm();
        first.prompt("Write the readme").write("README.md", "readme, longer\n").say("Done.");
        assertThat(first.stop().exitCode()).isZero();
        Path calls = temp.resolve("control/calls");
        Files.deleteIfExists(calls);
        Path staged = stagedAsTheLauncherDoes(workspace.repo.resolve(".git/entire-sessions"));

        ClaudeSession session = new ClaudeSession(workspace, Sandbox.SESSION_A, (stdin, args) ->
                runInOwnJvm(withLaunchersStatus(stdin), Map.of(LauncherTurnSnapshot.VARIABLE, staged.toString()),
                        args));
        session.prompt("Write the parser");

        assertThat(calls).as("no git ran in the hook's JVM").doesNotExist();
        assertThat(staged).doesNotExist();
        assertThat(workspace.repo.resolve(".git/entire-sessions/" + Sandbox.SESSION_A + ".turn-start.index"))
                .isRegularFile();
        session.write("parser.txt", "parse\n").say("Wrote the parser.");
        assertThat(inOwnJvm().stop().exitCode()).isZero();
        assertThatTheCommitHasTheTurn();
    }

    @Test
    void aStagingOutsideTheRepositorysSessionsIsNotTakenAndIsRemoved() throws Exception {
        ClaudeSession first = inOwnJvm();
        first.prompt("Write the readme").write("README.md", "readme, longer\n").say("Done.");
        assertThat(first.stop().exitCode()).isZero();
        Files.deleteIfExists(temp.resolve("control/calls"));
        Path staged = stagedAsTheLauncherDoes(Files.createDirectories(temp.resolve("elsewhere")));

        ClaudeSession session = new ClaudeSession(workspace, Sandbox.SESSION_A, (stdin, args) ->
                runInOwnJvm(withLaunchersStatus(stdin), Map.of(LauncherTurnSnapshot.VARIABLE, staged.toString()),
                        args));
        session.prompt("Write the parser");

        git.awaitCall("add --all");   // the hook staged the work tree itself
        assertThat(staged).doesNotExist();
        session.write("parser.txt", "parse\n").say("Wrote the parser.");
        assertThat(inOwnJvm().stop().exitCode()).isZero();
        assertThatTheCommitHasTheTurn();
    }

    /** What bin/entire does for a prompt: a copy of the index in {@code folder}, the work tree staged into it. */
    private Path stagedAsTheLauncherDoes(Path folder) throws IOException {
        Path staged = folder.resolve("launcher-1.index");
        Files.copy(workspace.repo.resolve(".git/index"), staged);
        new Git(workspace.repo, Map.of("GIT_INDEX_FILE", staged.toString())).run("add", "--all");
        return staged;
    }

    private static byte[] withLaunchersStatus(byte[] payload) {
        byte[] status = "snapshot-exit:0\n".getBytes(StandardCharsets.US_ASCII);
        byte[] input = Arrays.copyOf(status, status.length + payload.length);
        System.arraycopy(payload, 0, input, status.length, payload.length);
        return input;
    }

    /** The agent commits parser.txt: its checkpoint holds the file and the prompt. */
    private void assertThatTheCommitHasTheTurn() {
        Git agentGit = new Git(workspace.repo, Map.of("CLAUDECODE", "1"));
        agentGit.run("add", "parser.txt");
        agentGit.run("commit", "-q", "-m", "Parser");
        LiveCapture live = new LiveCapture(workspace);
        String id = live.headCheckpoint().orElseThrow(() -> new AssertionError(workspace.headMessage()));
        assertThat(live.checkpointJson(id, "0/metadata.json").strings("files_touched")).contains("parser.txt");
        assertThat(live.checkpointFile(id, "0/prompt.txt")).contains("Write the parser");
    }

    /** Session A, whose hooks each run in a JVM of their own with the stopping git first on its PATH. */
    private ClaudeSession inOwnJvm() {
        return new ClaudeSession(workspace, Sandbox.SESSION_A, this::runInOwnJvm);
    }

    private CliRun runInOwnJvm(byte[] stdin, String... args) {
        return runInOwnJvm(stdin, Map.of(), args);
    }

    private CliRun runInOwnJvm(byte[] stdin, Map<String, String> variables, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workspace.repo.toFile());
        builder.environment().putAll(workspace.env());
        builder.environment().put("ENTIRE_NO_TTY", "1");
        builder.environment().put("PATH", git.folder() + ":" + System.getenv("PATH"));
        builder.environment().putAll(variables);
        CliRun run = CliRun.ofProcess(builder, stdin);
        if (run.exitCode() != 0) {
            throw new IllegalStateException("the hook's JVM ended with " + run);
        }
        return run;
    }

    /** Waits until the session's saved state holds {@code prompt}: the turn's start is recorded. */
    private void awaitSavedPrompt(String prompt) throws InterruptedException {
        Path state = workspace.repo.resolve(".git/entire-sessions/" + Sandbox.SESSION_A + ".json");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!Files.exists(state) || !read(state).contains(prompt)) {
            assertThat(Instant.now()).as("the turn's start was saved").isBefore(deadline);
            Thread.sleep(20);   // a file another process writes: nothing to wait on
        }
    }
}
