package io.entire.cli;

import static io.entire.cli.TestFiles.read;
import static io.entire.cli.TestFiles.script;
import static io.entire.cli.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.Git;
import io.entire.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A post-commit whose JVM is killed (SIGKILL, for real) at a point of its work never leaves a linked commit without
 * its checkpoint: the next hook, of whatever kind, completes it. The installed hooks run the CLI through a script that
 * puts a git of this test's first on the hook's PATH; that git stops at the chosen call of a post-commit, so the test
 * knows where the JVM is when it kills it.
 */
class CrashSafeCondensationTest {
    private static final String TRAILER = "Entire-Checkpoint: ";

    @TempDir
    Path temp;
    Sandbox workspace;
    LiveCapture live;
    Path control;
    Git userGit;
    ClaudeSession session;

    @BeforeEach
    void setUp() throws IOException {
        workspace = Sandbox.withReadme(temp.resolve("work"));
        live = new LiveCapture(workspace);
        control = Files.createDirectories(temp.resolve("control"));
        Path hook = installStoppingGit();
        Map<String, String> env = new HashMap<>(live.env());
        env.put(EnableCommand.HOOK_COMMAND_VARIABLE, "'" + hook + "'");
        assertThat(CliRun.run(workspace.repo, env, "enable").exitCode()).isZero();
        userGit = new Git(workspace.repo, Map.of("ENTIRE_NO_TTY", "1"));
        session = new ClaudeSession(workspace, Sandbox.SESSION_A);
        session.prompt("Write a").write("a.txt", "a\n").say("Wrote a.");
        assertThat(session.stop().exitCode()).isZero();
    }

    /** A test that failed before it ended the stopped post-commit leaves no process behind. */
    @AfterEach
    void endStoppedProcesses() {
        Path pids = control.resolve("pids");
        if (Files.exists(pids)) {
            for (String pid : read(pids).strip().split(" ")) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Test
    void killedBeforeItReadTheCommitTheNextPromptCompletesIt() {
        String id = commitKilledAt("before cat-file --batch");
        session.prompt("Next");
        assertCheckpointComplete(id, 4);
    }

    @Test
    void killedWritingTheCheckpointTheNextStopCompletesIt() {
        String id = commitKilledAt("before mktree");
        assertThat(session.stop().exitCode()).isZero();
        assertCheckpointComplete(id, 4);
    }

    @Test
    void killedBeforePublishingTheCheckpointTheNextCommitCompletesItFirst() throws IOException {
        String id = commitKilledAt("before update-ref -m entire: checkpoint");
        Files.writeString(workspace.repo.resolve("mine.txt"), "mine\n");
        userGit.run("add", "mine.txt");
        userGit.run("commit", "-q", "-m", "Mine");
        assertThat(workspace.headMessage()).doesNotContain(TRAILER);
        assertCheckpointComplete(id, 4);
    }

    @Test
    void killedRightAfterPublishingTheCheckpointTheSessionEndCompletesTheRest() {
        String id = commitKilledAt("after update-ref -m entire: checkpoint");
        assertThat(session.end().exitCode()).isZero();
        assertCheckpointComplete(id, 4);
    }

    @Test
    void killedDeletingTheOldShadowBranchTheNextPromptDeletesIt() {
        String id = commitKilledAt("before update-ref -m entire: condensed -d");
        session.prompt("Next");
        assertCheckpointComplete(id, 4);
    }

    @Test
    void anAgentCommitKilledMidTurnIsCompletedAndFinalizedAtTheTurnsStop() {
        session.prompt("Write and commit b").write("b.txt", "b\n");
        String id = commitKilledAt("before mktree", new Git(workspace.repo, Map.of("CLAUDECODE", "1")), "b.txt");
        session.say("Committed b.");
        assertThat(session.stop().exitCode()).isZero();
        assertCheckpointComplete(id, 8);
        assertThat(live.checkpointJson(id, "0/metadata.json").strings("files_touched")).containsExactly("b.txt");
    }

    @Test
    void terminatedWritingTheCheckpointTheNextPromptCompletesIt() {
        Stopped stopped = commitStoppedAt("before mktree", userGit, "a.txt");
        stopped.end(ProcessHandle::destroy);   // SIGTERM: the JVM runs its shutdown and exits
        String id = linkedCheckpoint();
        session.prompt("Next");
        assertCheckpointComplete(id, 4);
    }

    @Test
    void aHookDuringAPostCommitAtWorkNeitherWaitsForItsCheckpointNorWritesIt() {
        Stopped stopped = commitStoppedAt("before mktree", userGit, "a.txt");
        String head = workspace.head();

        // Another session's prompt: the post-commit holds the checkpoint's mark (and the session it condenses).
        new ClaudeSession(workspace, Sandbox.SESSION_B).prompt("Something else");

        assertThat(workspace.checkpointTip()).as("nothing written beside the post-commit").isEmpty();
        assertThat(owedMarks()).hasSize(1);
        assertThat(live.sessionState(Sandbox.SESSION_A).findString("base_commit")).as("not moved past " + head)
                .isNotEqualTo(Optional.of(head));
        stopped.end(ProcessHandle::destroyForcibly);
        String id = linkedCheckpoint();
        assertThat(session.stop().exitCode()).isZero();
        assertCheckpointComplete(id, 4);
    }

    /** Enables the hooks again, to run through the client and the server on {@code socket}, with the stopping git. */
    private void enableThroughServer(Path client, Path socket, Path bin) {
        Path served = temp.resolve("entire-hook-served");
        script(served, "#!/bin/sh\nPATH='" + bin + "':$PATH ENTIRE_TEST_HOOK=$3 exec '" + client + "' '" + socket
                + "' \"$@\"\n");
        Map<String, String> env = new HashMap<>(live.env());
        env.put(EnableCommand.HOOK_COMMAND_VARIABLE, "'" + served + "'");
        assertThat(CliRun.run(workspace.repo, env, "enable", "--force").exitCode()).isZero();
    }

    @Test
    void theHookServerKilledInTheMiddleOfAPostCommitLeavesItToTheNextHook() throws Exception {
        Path client = HookClientBuild.compile(temp.resolve("entire-hook-client"));
        Path socket = temp.resolve("hooks.sock");
        Path bin = temp.resolve("bin");
        try (HookServerProcess server = HookServerProcess.start(socket, bin, temp.resolve("server.log"))) {
            enableThroughServer(client, socket, bin);

            Stopped stopped = commitStoppedAt("before mktree", userGit, "a.txt");
            assertThat(stopped.jvm().pid()).as("the server runs the post-commit").isEqualTo(server.pid());
            stopped.end(ProcessHandle::destroyForcibly);
            String id = linkedCheckpoint();
            session.prompt("Next");

            assertCheckpointComplete(id, 4);
        }
    }

    @Test
    void aServedPostCommitAnswersBeforeDeletingTheOldShadowBranchAndKilledThereTheNextPromptDeletesIt()
            throws Exception {
        Path client = HookClientBuild.compile(temp.resolve("entire-hook-client"));
        Path socket = temp.resolve("hooks.sock");
        Path bin = temp.resolve("bin");
        try (HookServerProcess server = HookServerProcess.start(socket, bin, temp.resolve("server.log"))) {
            enableThroughServer(client, socket, bin);
            write(control.resolve("point"), "before update-ref -m entire: condensed -d");
            userGit.run("add", "a.txt");

            CompletableFuture<Void> commit = CompletableFuture.runAsync(() -> userGit.run("commit", "-q", "-m",
                    "Add a.txt"));

            long[] pids = awaitPids();
            assertThat(commit).as("git commit returns while the server is held at the deletion")
                    .succeedsWithin(Duration.ofSeconds(60));
            assertThat(pids[0]).as("the server deletes the shadow branch").isEqualTo(server.pid());
            assertThat(owedMarks()).as("the mark stays until the shadow branch is gone").hasSize(1);
            ProcessHandle jvm = ProcessHandle.of(pids[0]).orElseThrow();
            jvm.destroyForcibly();
            jvm.onExit().join();
            ProcessHandle.of(pids[1]).ifPresent(ProcessHandle::destroyForcibly);
            String id = linkedCheckpoint();
            session.prompt("Next");

            assertCheckpointComplete(id, 4);
        }
    }

    /** Waits until the stopping git says where it stopped: the hook JVM's pid and its own. */
    private long[] awaitPids() {
        Path pids = control.resolve("pids");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (!Files.exists(pids)) {
            assertThat(Instant.now()).as("the server reached the point in time").isBefore(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        String[] fields = read(pids).strip().split(" ");
        return new long[] {Long.parseLong(fields[0]), Long.parseLong(fields[1])};
    }

    /** Commits a.txt; the post-commit's JVM is killed at {@code point}. Returns the commit's checkpoint id. */
    private String commitKilledAt(String point) {
        return commitKilledAt(point, userGit, "a.txt");
    }

    private String commitKilledAt(String point, Git git, String file) {
        commitStoppedAt(point, git, file).end(ProcessHandle::destroyForcibly);
        return linkedCheckpoint();
    }

    /** The checkpoint id HEAD's message carries. */
    private String linkedCheckpoint() {
        String message = workspace.headMessage();
        assertThat(message).as("git made the commit, linked").contains(TRAILER);
        return message.substring(message.indexOf(TRAILER) + TRAILER.length()).strip();
    }

    /** Starts committing {@code file}; returns once its post-commit stopped at {@code point}. */
    private Stopped commitStoppedAt(String point, Git git, String file) {
        write(control.resolve("point"), point);
        git.run("add", file);
        CompletableFuture<Void> commit = CompletableFuture.runAsync(() -> git.run("commit", "-q", "-m", "Add " + file));
        long[] pids = awaitStop(commit);
        ProcessHandle jvm = ProcessHandle.of(pids[0]).orElseThrow();
        assertThat(jvm.info().command().orElse("")).as("the stopped git's parent is the hook's JVM").endsWith("java");
        return new Stopped(commit, jvm, pids[1]);
    }

    /** A commit whose post-commit's JVM waits at the point, on the stopped git. */
    private record Stopped(CompletableFuture<Void> commit, ProcessHandle jvm, long stoppedGit) {
        /** Ends the JVM with {@code signal}, then the stopped git, and waits for the commit to finish. */
        void end(Consumer<ProcessHandle> signal) {
            signal.accept(jvm);
            jvm.onExit().join();
            ProcessHandle.of(stoppedGit).ifPresent(ProcessHandle::destroyForcibly);
            commit.join();
        }
    }

    /** Waits until the stopping git says where it stopped: the hook JVM's pid and its own. */
    private long[] awaitStop(CompletableFuture<Void> commit) {
        Path pids = control.resolve("pids");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (!Files.exists(pids)) {
            assertThat(Instant.now()).as("post-commit reached the point in time").isBefore(deadline);
            try {
                commit.get(50, TimeUnit.MILLISECONDS);
                throw new AssertionError("git commit ended before its post-commit reached the point");
            } catch (TimeoutException stillRunning) {
                // the commit waits for its post-commit, which has not reached the point yet
            } catch (InterruptedException | ExecutionException e) {
                throw new AssertionError("git commit failed", e);
            }
        }
        String[] fields = read(pids).strip().split(" ");
        return new long[] {Long.parseLong(fields[0]), Long.parseLong(fields[1])};
    }

    private void assertCheckpointComplete(String id, int transcriptLines) {
        JsonObject metadata = live.checkpointJson(id, "0/metadata.json");
        assertThat(metadata.findString("session_id")).as(metadata.toString()).contains(Sandbox.SESSION_A);
        assertThat(live.checkpointJson(id, "metadata.json").findArray("sessions").orElseThrow().elements())
                .hasSize(1);
        assertThat(live.checkpointFile(id, "0/full.jsonl").lines()).hasSize(transcriptLines);
        assertThat(metadata.strings("files_touched")).hasSize(1);
        assertThat(live.checkpointFile(id, "0/prompt.txt")).isNotEmpty();
        assertThat(owedMarks()).as("nothing is owed any more").isEmpty();
        JsonObject state = live.sessionState(Sandbox.SESSION_A);
        assertThat(state.findString("last_checkpoint_id")).as(state.toString()).contains(id);
        assertThat(live.shadowBranches()).as("no shadow branch of a commit's parent is left behind")
                .noneMatch(branch -> workspace.git.run("log", "--format=%H", "HEAD").text().lines()
                        .skip(1).anyMatch(commit -> branch.startsWith("entire/" + commit.substring(0, 7))));
    }

    private List<Path> owedMarks() {
        Path directory = workspace.repo.resolve(".git/entire-owed");
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".json")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The hook command: the CLI on this class path, with a git first on its PATH that runs the real one, except at the
     * call of a post-commit named in {@code control/point} ({@code before|after <words of its arguments>}): there
     * (once) it writes the hook JVM's pid and its own to {@code control/pids} and waits to be killed.
     */
    private Path installStoppingGit() throws IOException {
        String realGit = new Git(temp).run("--exec-path").text().strip() + "/git";
        Path bin = Files.createDirectories(temp.resolve("bin"));
        script(bin.resolve("git"), "#!/bin/sh\n"
                + "control='" + control + "'\n"
                + "point=$(cat \"$control/point\" 2>/dev/null)\n"
                + "when=${point%% *}\n"
                + "words=${point#* }\n"
                + "case \" $* \" in\n"
                + "  *\" $words\"*) ;;\n"
                + "  *) exec '" + realGit + "' \"$@\" ;;\n"
                + "esac\n"
                + "if [ \"$ENTIRE_TEST_HOOK\" != post-commit ] || ! mkdir \"$control/taken\" 2>/dev/null; then\n"
                + "  exec '" + realGit + "' \"$@\"\n"
                + "fi\n"
                + "if [ \"$when\" = after ]; then '" + realGit + "' \"$@\"; fi\n"
                + "echo \"$PPID $$\" > \"$control/pids.tmp\" && mv \"$control/pids.tmp\" \"$control/pids\"\n"
                + "exec sleep 300\n");
        Path hook = temp.resolve("entire-hook");
        script(hook, "#!/bin/sh\n"
                + "PATH='" + bin + "':$PATH ENTIRE_TEST_HOOK=$3 exec " + LiveCapture.hookCommand() + " \"$@\"\n");
        return hook;
    }
}
