package io.entire.cli;

import static io.entire.cli.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.Git;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * A served prompt hook answers the agent once the session's state is saved, and records the work tree as the turn
 * found it after that. A real hook server process serves the real client; a git first on the client's PATH stops at
 * the snapshot's {@code git add}, so the test knows where the server is when the agent goes on or the server dies.
 */
@DisabledOnOs(OS.WINDOWS)
class ServedPromptTest {
    @TempDir
    Path temp;
    Sandbox workspace;
    StoppingGit git;
    Path client;
    Path socket;
    HookServerProcess server;

    @BeforeEach
    void setUp() throws Exception {
        workspace = Sandbox.withReadme(temp.resolve("work"));
        assertThat(new LiveCapture(workspace).enable().exitCode()).isZero();
        client = HookClientBuild.compile(temp.resolve("entire-hook-client"));
        socket = temp.resolve("hooks.sock");
        git = StoppingGit.install(temp);
        server = HookServerProcess.start(socket, git.folder(), temp.resolve("server.log"));
        ClaudeSession first = served(git.folder());
        first.prompt("Write the readme").write("README.md", "readme, longer\n").say("Done.");
        assertThat(first.stop().exitCode()).isZero();
    }

    @AfterEach
    void endProcesses() {
        server.close();
        git.endStoppedProcesses();
    }

    @Test
    void theAgentIsAnsweredBeforeTheSnapshotAndWhatItWritesMeanwhileIsItsWork() throws Exception {
        ClaudeSession session = served(git.folder());
        git.stopAt("add --all");

        CompletableFuture<ClaudeSession> prompt = CompletableFuture.supplyAsync(
                () -> session.prompt("Write the parser"));
        long[] stopped = git.awaitStop();

        prompt.get(60, TimeUnit.SECONDS);   // answered while the snapshot's git waits
        session.write("parser.txt", "parse\n").say("Wrote the parser.");
        git.go();   // the snapshot now finds the agent's file written
        ProcessHandle.of(stopped[1]).ifPresent(stoppedGit -> stoppedGit.onExit().join());
        assertThat(session.stop().exitCode()).isZero();
        String id = commitParser();

        LiveCapture live = new LiveCapture(workspace);
        assertThat(live.checkpointJson(id, "0/metadata.json").strings("files_touched")).contains("parser.txt");
        assertThat(live.checkpointFile(id, "0/prompt.txt")).contains("Write the parser");
    }

    @Test
    void theServerKilledRightAfterItAnsweredAPromptLosesNothing() throws Exception {
        ClaudeSession session = served(git.folder());
        git.stopAt("add --all");

        CompletableFuture<ClaudeSession> prompt = CompletableFuture.supplyAsync(
                () -> session.prompt("Write the parser"));
        long[] stopped = git.awaitStop();
        prompt.get(60, TimeUnit.SECONDS);
        assertThat(stopped[0]).as("the server runs the snapshot").isEqualTo(server.pid());
        server.kill();
        ProcessHandle.of(stopped[1]).ifPresent(ProcessHandle::destroyForcibly);

        // The rest of the turn runs its hooks in JVMs of their own, as the launcher does without a server.
        ClaudeSession unserved = new ClaudeSession(workspace, Sandbox.SESSION_A);
        unserved.write("parser.txt", "parse\n").say("Wrote the parser.");
        assertThat(unserved.stop().exitCode()).isZero();
        String id = commitParser();

        LiveCapture live = new LiveCapture(workspace);
        assertThat(live.checkpointJson(id, "0/metadata.json").strings("files_touched")).contains("parser.txt");
        assertThat(live.checkpointFile(id, "0/prompt.txt")).contains("Write the parser");
    }

    /** Session A, whose hooks run through the client with {@code bin} first on its PATH. */
    private ClaudeSession served(Path bin) {
        return new ClaudeSession(workspace, Sandbox.SESSION_A, (stdin, args) -> runClient(bin, stdin, args));
    }

    /** The agent commits parser.txt; returns the checkpoint id its commit carries. */
    private String commitParser() {
        Git agentGit = new Git(workspace.repo, Map.of("CLAUDECODE", "1"));
        agentGit.run("add", "parser.txt");
        agentGit.run("commit", "-q", "-m", "Parser");
        return new LiveCapture(workspace).headCheckpoint()
                .orElseThrow(() -> new AssertionError(workspace.headMessage()));
    }

    /** Runs the client as an installed hook does, with {@code bin} first on its PATH. */
    private CliRun runClient(Path bin, byte[] stdin, String... args) {
        List<String> command = new ArrayList<>(List.of(client.toString(), socket.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workspace.repo.toFile());
        builder.environment().putAll(workspace.env());
        builder.environment().put("ENTIRE_NO_TTY", "1");
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        return CliRun.ofProcess(builder, stdin);
    }
}
