package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.Environment;
import io.entire.core.git.Changes;
import io.entire.core.git.Git;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hook server in this JVM and the real client ({@code cli/src/main/c/entire-hook-client.c}, compiled with the
 * system's C compiler), driven the way git and Claude Code drive hooks: installed git hooks run the client, agent
 * hooks get their payload on its stdin.
 */
@DisabledOnOs(OS.WINDOWS)
class HookServerTest {
    private static final String GAVE_UP_LINE = "entire: the hook server gave up on the hook's input before it all came;"
            + " running the hook without the server\n";
    private static final Path HOME = Path.of(System.getProperty("user.home"));
    /** A server's answer that the hook exited 0. */
    private static final byte[] EXIT_0 = {'x', 0, 0, 0, 4, 0, 0, 0, 0};

    @TempDir
    static Path shared;
    static Path client;

    @TempDir
    Path temp;
    Path socket;
    CompletableFuture<Integer> server;

    @BeforeAll
    static void compileClient() throws Exception {
        client = HookClientBuild.compile(shared.resolve("entire-hook-client"));
    }

    @BeforeEach
    void startServer() throws Exception {
        socket = temp.resolve("hooks.sock");
        server = serve(socket, Duration.ofSeconds(60));
    }

    @AfterEach
    void stopServer() throws Exception {
        Files.deleteIfExists(socket);   // how a server learns that install.sh removed its build's files
        assertThat(server.get(10, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void anAgentCommitThroughTheServerIsLinkedAndCondensedWithTheClientsEnvironment() throws Exception {
        Sandbox workspace = Sandbox.withReadme(temp.resolve("work"));
        Map<String, String> env = new HashMap<>(workspace.env());
        env.put(EnableCommand.HOOK_COMMAND_VARIABLE, "'" + client + "' '" + socket + "'");
        assertThat(CliRun.run(workspace.repo, env, "enable").exitCode()).isZero();
        ClaudeSession session = new ClaudeSession(workspace, Sandbox.SESSION_A,
                (stdin, args) -> runClient(workspace.repo, workspace.env(), stdin, args));

        CliRun start = session.start();
        session.prompt("Write the parser").write("parser.txt", "parse\n").say("Done.");
        CliRun stop = session.stop();
        // git runs the installed hooks, which run the client; the server must use the variables git gave them.
        Git agentGit = new Git(workspace.repo, Map.of("CLAUDECODE", "1", "GIT_COMMITTER_NAME", "Served Client"));
        agentGit.run("add", "parser.txt");
        agentGit.run("commit", "-q", "-m", "Parser");

        assertThat(start.exitCode()).isZero();
        assertThat(start.out()).contains("\"systemMessage\"");
        assertThat(stop.exitCode()).as(stop.err()).isZero();
        LiveCapture live = new LiveCapture(workspace);
        String id = live.headCheckpoint().orElseThrow(() -> new AssertionError(workspace.headMessage()));
        assertThat(live.checkpointJson(id, "metadata.json").strings("files_touched")).containsExactly("parser.txt");
        assertThat(live.checkpointFile(id, "0/prompt.txt")).contains("Write the parser");
        assertThat(live.checkpointFile(id, "0/full.jsonl")).as("the transcript, found in the client's Claude folder")
                .contains("Done.");
        assertThat(live.shadowBranches()).isEmpty();
        assertThat(workspace.git.run("log", "-1", "--format=%cn", "entire/checkpoints/v1").text())
                .isEqualTo("Served Client");
    }

    @Test
    void postRewriteIsServedWithTheRewrittenCommitsOnItsStdin() throws Exception {
        Sandbox workspace = Sandbox.withReadme(temp.resolve("work"));
        Map<String, String> env = new HashMap<>(workspace.env());
        env.put(EnableCommand.HOOK_COMMAND_VARIABLE, "'" + client + "' '" + socket + "'");
        assertThat(CliRun.run(workspace.repo, env, "enable").exitCode()).isZero();
        ClaudeSession session = new ClaudeSession(workspace, Sandbox.SESSION_A,
                (stdin, args) -> runClient(workspace.repo, workspace.env(), stdin, args));
        session.prompt("Write the parser").write("parser.txt", "parse\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();
        Git agentGit = new Git(workspace.repo, Map.of("CLAUDECODE", "1"));
        agentGit.run("add", "parser.txt");
        agentGit.run("commit", "-q", "-m", "Parser");
        String id = new LiveCapture(workspace).headCheckpoint().orElseThrow();

        agentGit.run("commit", "-q", "--amend", "-m", "Parser, reworded");

        assertThat(workspace.headMessage()).startsWith("Parser, reworded\n\n").contains("Entire-Checkpoint: " + id);
    }

    @Test
    void everyBuiltInAgentsHooksAreServed() throws Exception {
        Sandbox workspace = Sandbox.withReadme(temp.resolve("work"));
        assertThat(CliRun.run(workspace.repo, workspace.env(), "enable", "--agent", "gemini").exitCode()).isZero();
        String sessionId = "179019dc-a79b-40a7-965d-af9f402bfeb6";
        byte[] payload = ("{\"session_id\":\"" + sessionId + "\",\"cwd\":\"" + workspace.repo
                + "\",\"hook_event_name\":\"BeforeAgent\",\"prompt\":\"Create hello.txt\"}")
                .getBytes(StandardCharsets.UTF_8);

        CliRun turnStart = runClient(workspace.repo, workspace.env(), payload, "hooks", "gemini", "before-agent");

        assertThat(turnStart.exitCode()).as("served, not handed back to the launcher (124): %s", turnStart.err())
                .isZero();
        assertThat(workspace.repo.resolve(".git/entire-sessions/" + sessionId + ".json")).exists();
        for (String agent : List.of("codex", "copilot-cli", "opencode")) {
            assertThat(runClient(workspace.repo, workspace.env(), "{}".getBytes(StandardCharsets.UTF_8), "hooks",
                    agent, "session-end").exitCode()).as(agent).isNotEqualTo(124);
        }
    }

    @Test
    void hooksOfOneSessionServedAtOnceTakeTurnsOnItsLock() throws Exception {
        Sandbox workspace = Sandbox.withReadme(temp.resolve("work"));
        assertThat(CliRun.run(workspace.repo, workspace.env(), "enable").exitCode()).isZero();
        ClaudeSession session = new ClaudeSession(workspace, Sandbox.SESSION_A,
                (stdin, args) -> runClient(workspace.repo, workspace.env(), stdin, args));

        List<CompletableFuture<CliRun>> runs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> session.hook("user-prompt-submit", "UserPromptSubmit",
                    Map.of("prompt", "Write the parser"))));
        }

        assertThat(runs).allSatisfy(run -> {
            CliRun done = run.get(60, TimeUnit.SECONDS);
            assertThat(done.exitCode()).isZero();
            assertThat(done.err()).isEmpty();
        });
        assertThat(workspace.repo.resolve(".entire/logs/entire.log")).doesNotExist();
    }

    @Test
    @Timeout(30)
    void aPrepareCommitMsgRunsWhileItsStagedListingIsStillOnItsWay() throws Exception {
        StagedAgentWork work = stagedAgentWork();

        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            StreamedRequest request = sendStreamedPrepareCommitMsg(channel, work);
            int half = work.listing().length / 2;
            writeChunk(request.out(), Arrays.copyOfRange(work.listing(), 0, half));
            writeChunk(request.out(), Arrays.copyOfRange(work.listing(), half, work.listing().length));
            writeChunk(request.out(), "git-exit:0\n".getBytes(StandardCharsets.UTF_8));
            writeChunk(request.out(), new byte[0]);

            assertThat(exitCode(request.in())).isZero();
        }
        assertThat(Files.readString(work.message())).containsPattern("\nEntire-Checkpoint: [0-9a-f]{12}\n");
    }

    @Test
    @Timeout(30)
    void aStreamedPrepareCommitMsgWhoseClientLeftBeforeItsListingChangesNothing() throws Exception {
        StagedAgentWork work = stagedAgentWork();
        Map<String, String> stateBefore = work.sessionState();

        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            sendStreamedPrepareCommitMsg(channel, work);
        }   // left, as a client that stopped waiting just before the acknowledgement came: git reads the message now
        stopServer();   // returns once the hooks it runs are done

        assertThat(Files.readString(work.message())).as("git may be reading it").isEqualTo("Parser\n");
        assertThat(work.sessionState()).as("no checkpoint owed or pending for that commit").isEqualTo(stateBefore);
    }

    @Test
    @Timeout(30)
    void aCommitMsgRunsOnlyForAClientThatConfirmsItStillWaits() throws Exception {
        Sandbox workspace = Sandbox.withReadme(temp.resolve("work"));
        assertThat(CliRun.run(workspace.repo, workspace.env(), "enable").exitCode()).isZero();
        String lonelyTrailer = "\nEntire-Checkpoint: 0123456789ab\n";   // commit-msg takes it out
        Path left = Files.writeString(temp.resolve("LEFT_EDITMSG"), lonelyTrailer);
        Path stayed = Files.writeString(temp.resolve("STAYED_EDITMSG"), lonelyTrailer);
        Map<String, String> env = new HashMap<>(workspace.env());
        env.put("ENTIRE_NO_TTY", "1");

        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            sendStreamed(channel, workspace.repo, env, "hooks", "git", "commit-msg", left.toString());
        }   // left without confirming, as a client that stopped waiting just before the acknowledgement came
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            StreamedRequest request = sendStreamed(channel, workspace.repo, env, "hooks", "git", "commit-msg",
                    stayed.toString());
            writeChunk(request.out(), new byte[0]);
            assertThat(exitCode(request.in())).isZero();
        }
        stopServer();   // returns once the hooks it runs are done

        assertThat(Files.readString(left)).as("git may be reading it").isEqualTo(lonelyTrailer);
        assertThat(Files.readString(stayed)).doesNotContain("Entire-Checkpoint");
    }

    @Test
    @Timeout(30)   // without the deadline, the server would wait for the rest of the listing for ever
    void aStreamedPrepareCommitMsgWhoseClientStopsMidListingIsAbandonedAfterItsDeadline() throws Exception {
        StagedAgentWork work = stagedAgentWork();
        Map<String, String> stateBefore = work.sessionState();
        Path shortSocket = temp.resolve("short.sock");
        CompletableFuture<Integer> shortServer = HookServerThread.serve(shortSocket, Duration.ofSeconds(60),
                HookServer.REQUEST_DEADLINE, Duration.ofMillis(500), HOME);
        try {
            try (SocketChannel stopped = SocketChannel.open(UnixDomainSocketAddress.of(shortSocket))) {
                StreamedRequest request = sendStreamedPrepareCommitMsg(stopped, work);
                writeChunk(request.out(), Arrays.copyOfRange(work.listing(), 0, work.listing().length / 2));

                // then nothing more, as from a client stopped mid-stream: the server says it gave up, and closes
                assertThat(request.in().readByte()).as("not run here").isEqualTo((byte) 'g');
                assertThat(request.in().readInt()).isZero();
                assertThat(answer(stopped)).as("closed by the server").isEqualTo(-1);
            }
            assertThat(Files.readString(work.message())).isEqualTo("Parser\n");
            assertThat(work.sessionState()).isEqualTo(stateBefore);

            CliRun later = runClient(work.workspace().repo, work.env(), work.listingWithStatus(), shortSocket,
                    "hooks", "git", "prepare-commit-msg", work.message().toString(), "message");

            assertThat(later.exitCode()).as(later.err()).isZero();
            assertThat(Files.readString(work.message())).as("the next attempt of the same session runs")
                    .containsPattern("\nEntire-Checkpoint: [0-9a-f]{12}\n");
        } finally {
            Files.deleteIfExists(shortSocket);
            assertThat(shortServer.get(10, TimeUnit.SECONDS)).as("no hook left running").isZero();
        }
    }

    @Test
    @Timeout(60)
    void aClientWhoseServerGaveUpOnItsListingLeavesTheHookToTheLauncher() throws Exception {
        StagedAgentWork work = stagedAgentWork();
        Path shortSocket = temp.resolve("short.sock");
        CompletableFuture<Integer> shortServer = HookServerThread.serve(shortSocket, Duration.ofSeconds(60),
                HookServer.REQUEST_DEADLINE, Duration.ofMillis(200), HOME);
        try {
            ProcessBuilder builder = new ProcessBuilder(client.toString(), shortSocket.toString(), "hooks", "git",
                    "prepare-commit-msg", work.message().toString(), "message")
                    .directory(work.workspace().repo.toFile());
            builder.environment().putAll(work.env());
            Process process = builder.start();
            byte[] listing = work.listingWithStatus();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(listing, 0, listing.length / 2);
                stdin.flush();
                // A git diff slower than the server's deadline: 0.2 s, checked once a second here, from the
                // acknowledgement on, which a loaded machine may give the client late.
                Thread.sleep(5_000);
                stdin.write(listing, listing.length / 2, listing.length - listing.length / 2);
            } catch (IOException clientLeft) {
                // it may have left already: what it reads of stdin is the launcher's business
            }

            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("the launcher runs the JVM, with a listing of its own: %s", err)
                    .isEqualTo(125);
            assertThat(err).isEqualTo(GAVE_UP_LINE);
            assertThat(Files.readString(work.message())).isEqualTo("Parser\n");
        } finally {
            Files.deleteIfExists(shortSocket);
            assertThat(shortServer.get(10, TimeUnit.SECONDS)).isZero();
        }
    }

    @Test
    @Timeout(30)
    void aClientWhoseWholeListingCameAsTheServerGaveUpLeavesTheHookToTheLauncher() throws Exception {
        Path fakeSocket = temp.resolve("fake.sock");
        try (ServerSocketChannel fake = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            fake.bind(UnixDomainSocketAddress.of(fakeSocket));
            Process process = prepareCommitMsgClient(fakeSocket).start();
            byte[] listing = "the listing\0git-exit:0\n".getBytes(StandardCharsets.UTF_8);
            try (SocketChannel accepted = fake.accept(); OutputStream stdin = process.getOutputStream()) {
                DataInputStream in = takeStreamed(accepted);
                stdin.write(listing);
                stdin.close();
                assertThat(readChunks(in, listing.length)).isEqualTo(listing);
                assertThat(in.readInt()).as("all of it sent").isZero();
                // the server's deadline had passed: it did not take that end in time, and says so
                accepted.write(ByteBuffer.wrap(new byte[] {'g', 0, 0, 0, 0}));
                assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("the launcher runs the JVM: %s", err).isEqualTo(125);
            assertThat(err).isEqualTo(GAVE_UP_LINE);
        }
    }

    /** The hooks whose client answers the acknowledgement: the listing, or commit-msg's confirmation. */
    @ParameterizedTest
    @ValueSource(strings = {"prepare-commit-msg", "commit-msg"})
    @Timeout(30)
    void aClientWhoseHookWasTakenJustTooLateLeavesConnectionAndHookToTheLauncher(String hook) throws Exception {
        Path late = temp.resolve("late.sock");
        try (ServerSocketChannel fake = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            fake.bind(UnixDomainSocketAddress.of(late));
            ProcessBuilder builder = hook.equals("commit-msg") ? hookClient(late, hook, "MSG")
                    : prepareCommitMsgClient(late);
            builder.environment().put("ENTIRE_HOOK_ACCEPT_TIMEOUT", "0.5");
            // A request larger than the socket's buffers: the client is still writing it when it stops waiting, so
            // the acknowledgement sent meanwhile is there, unseen, when it gives up.
            for (int i = 0; i < 8; i++) {
                builder.environment().put("LARGE_" + i, "x".repeat(100_000));
            }
            Process process = builder.start();
            try (SocketChannel accepted = fake.accept()) {
                accepted.write(ByteBuffer.wrap(new byte[] {'a', 0, 0, 0, 0}));
                assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
                String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

                assertThat(process.exitValue()).as("the launcher runs the JVM: %s", err).isEqualTo(125);
                assertThat(err).isEqualTo("entire: the hook server took the hook just as the client stopped waiting;"
                        + " running it without the server\n");
                readUntilClosed(accepted);   // closed (or reset, our answer unread): the server abandons the hook
            }
        }
    }

    @Test
    @Timeout(30)
    void theClientConfirmsACommitMsgOnceTakenWithoutWaitingForItsStdin() throws Exception {
        Path fakeSocket = temp.resolve("fake.sock");
        try (ServerSocketChannel fake = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            fake.bind(UnixDomainSocketAddress.of(fakeSocket));
            Process process = hookClient(fakeSocket, "commit-msg", "MSG").start();
            try (SocketChannel accepted = fake.accept(); OutputStream stdin = process.getOutputStream()) {
                DataInputStream in = takeStreamed(accepted);
                assertThat(in.readInt()).as("its confirmation, stdin still open").isZero();
                accepted.write(ByteBuffer.wrap(EXIT_0));
                assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(process.exitValue()).as(new String(process.getErrorStream().readAllBytes(),
                    StandardCharsets.UTF_8)).isZero();
        }
    }

    @Test
    @Timeout(30)
    void theClientSendsAPrepareCommitMsgBeforeItsStagedListingEndsAndStreamsTheListing() throws Exception {
        Path fakeSocket = temp.resolve("fake.sock");
        try (ServerSocketChannel fake = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            fake.bind(UnixDomainSocketAddress.of(fakeSocket));
            Process process = prepareCommitMsgClient(fakeSocket).start();
            byte[] first = "first part of the listing\0".getBytes(StandardCharsets.UTF_8);
            byte[] rest = "the rest\0git-exit:0\n".getBytes(StandardCharsets.UTF_8);
            try (SocketChannel accepted = fake.accept(); OutputStream stdin = process.getOutputStream()) {
                DataInputStream in = takeStreamed(accepted);
                stdin.write(first);
                stdin.flush();
                assertThat(readChunks(in, first.length)).as("sent while stdin is still open").isEqualTo(first);
                stdin.write(rest);
                stdin.close();
                assertThat(readChunks(in, rest.length)).isEqualTo(rest);
                assertThat(in.readInt()).as("the end of stdin").isZero();
                accepted.write(ByteBuffer.wrap(EXIT_0));
            }
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(new String(process.getErrorStream().readAllBytes(),
                    StandardCharsets.UTF_8)).isZero();
        }
    }

    @Test
    void withoutAServerTheClientSaysSoAndRunsNothing() throws Exception {
        CliRun run = runClient(temp, Map.of(), new byte[0], "hooks", "git", "commit-msg", "MSG");
        CliRun other = runClient(temp, Map.of(), new byte[0], "hooks", "git", "post-commit");

        Files.deleteIfExists(socket);
        CliRun none = runClient(temp, Map.of(), new byte[0], "hooks", "git", "post-commit");

        assertThat(run.exitCode()).as("a hook outside a repository does nothing: %s", run.err()).isZero();
        assertThat(other.exitCode()).isZero();
        assertThat(none.exitCode()).as("no server: the launcher runs the JVM").isEqualTo(125);
        assertThat(none.out() + none.err()).isEmpty();
    }

    @Test
    void hooksThatMayAskOnTheTerminalAreNotServed() {
        CliRun prePush = runClient(temp, Map.of(), new byte[0], "hooks", "git", "pre-push", "origin");
        CliRun command = runClient(temp, Map.of(), new byte[0], "status");

        assertThat(prePush.exitCode()).isEqualTo(124);
        assertThat(command.exitCode()).isEqualTo(124);
    }

    @Test
    void aMalformedRequestIsDroppedAndTheServerGoesOn() throws Exception {
        try (SocketChannel garbage = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            garbage.write(ByteBuffer.wrap("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            garbage.shutdownOutput();
            assertThat(answer(garbage)).as("closed without an answer").isEqualTo(-1);
        }
        try (SocketChannel huge = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            huge.write(ByteBuffer.allocate(8).putInt(0x45484b31).putInt(-1).flip());
            assertThat(answer(huge)).isEqualTo(-1);
        }

        CliRun run = runClient(temp, Map.of(), "{}".getBytes(StandardCharsets.UTF_8), "hooks", "claude-code", "stop");

        assertThat(run.exitCode()).isZero();
        assertThat(server).isNotDone();
    }

    @Test
    void aServerThatGoesAwayNeverFailsTheHook() throws Exception {
        Path dying = temp.resolve("dying.sock");
        try (ServerSocketChannel fake = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            fake.bind(UnixDomainSocketAddress.of(dying));
            CompletableFuture<Void> acceptAndClose = CompletableFuture.runAsync(() -> {
                try (SocketChannel accepted = fake.accept()) {
                    accepted.read(ByteBuffer.allocate(64));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            CliRun run = runClient(temp, Map.of(), new byte[0], dying, "hooks", "git", "post-commit");
            acceptAndClose.get(10, TimeUnit.SECONDS);

            assertThat(run.exitCode()).isZero();
            assertThat(run.err()).contains("hook server went away");
        }
    }

    @Test
    void aServerThatDoesNotTakeTheHookInTimeLeavesItToTheLauncherWithThePayload() throws Exception {
        Path stuck = temp.resolve("stuck.sock");
        Path payload = temp.resolve("payload");
        byte[] stdin = "{\"session_id\":\"a\"}".getBytes(StandardCharsets.UTF_8);
        try (ServerSocketChannel fake = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            fake.bind(UnixDomainSocketAddress.of(stuck));   // it listens, so connecting works, but it never accepts

            CliRun run = runClient(temp, Map.of("ENTIRE_HOOK_ACCEPT_TIMEOUT", "0.5",
                    "ENTIRE_HOOK_PAYLOAD", payload.toString()), stdin, stuck, "hooks", "claude-code", "stop");

            assertThat(run.exitCode()).as("the launcher runs the JVM").isEqualTo(125);
            assertThat(run.err()).isEqualTo("entire: the hook server did not take the hook within 0.5 s; running it"
                    + " without the server\n");
            assertThat(Files.readAllBytes(payload)).isEqualTo(stdin);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(payload))).isEqualTo("rw-------");
        }
    }

    @Test
    void aHookTheServerTookAndNeverFinishesIsReportedWithItsBound() throws Exception {
        Path slow = temp.resolve("slow.sock");
        try (ServerSocketChannel fake = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            fake.bind(UnixDomainSocketAddress.of(slow));
            CompletableFuture<Void> takeAndHang = CompletableFuture.runAsync(() -> {
                try (SocketChannel accepted = fake.accept()) {
                    accepted.write(ByteBuffer.wrap(new byte[] {'a', 0, 0, 0, 0}));   // took the hook
                    while (accepted.read(ByteBuffer.allocate(1 << 16)) >= 0) {
                        // holds the connection, as a hung hook would, until the client leaves
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });

            CliRun run = runClient(temp, Map.of("ENTIRE_HOOK_ACCEPT_TIMEOUT", "0.2", "ENTIRE_HOOK_TIMEOUT", "1"),
                    new byte[0], slow, "hooks", "git", "post-commit");
            takeAndHang.get(10, TimeUnit.SECONDS);

            assertThat(run.exitCode()).isZero();
            assertThat(run.err().lines()).containsExactly(
                    "entire: the hook server is still running post-commit; waiting up to 1 s in all"
                            + " (ENTIRE_HOOK_TIMEOUT)",
                    "entire: the hook server did not finish post-commit within 1 s (ENTIRE_HOOK_TIMEOUT); this hook"
                            + " may not have recorded anything (see .entire/logs)");
        }
    }

    @Test
    void anIdleServerLeavesAndRemovesItsSocket() throws Exception {
        Path idle = temp.resolve("idle.sock");
        CompletableFuture<Integer> idleServer = serve(idle, Duration.ofSeconds(1));
        CliRun run = runClient(temp, Map.of(), new byte[0], idle, "hooks", "git", "post-commit");

        assertThat(run.exitCode()).isZero();
        assertThat(idleServer.get(20, TimeUnit.SECONDS)).isZero();
        assertThat(idle).doesNotExist();
    }

    @Test
    @Timeout(30)   // without the deadline, the read below would wait forever
    void aConnectionThatSendsNothingIsClosedAndKeepsNoServerAlive() throws Exception {
        Path idle = temp.resolve("silent.sock");
        CompletableFuture<Integer> idleServer = serve(idle, Duration.ofSeconds(1), Duration.ofSeconds(2));
        try (SocketChannel silent = SocketChannel.open(UnixDomainSocketAddress.of(idle))) {
            assertThat(answer(silent)).as("closed by the server").isEqualTo(-1);

            assertThat(idleServer.get(20, TimeUnit.SECONDS)).isZero();
        }
        assertThat(idle).doesNotExist();
    }

    @Test
    void aSecondServerForTheSameSocketLeavesAtOnce() throws Exception {
        assertThat(new HookServer(socket, Duration.ofSeconds(60), HookServer.REQUEST_DEADLINE, HOME).serve()).isZero();

        assertThat(server).isNotDone();
        assertThat(runClient(temp, Map.of(), new byte[0], "hooks", "git", "post-commit").exitCode()).isZero();
    }

    @Test
    void aServerWarmsUpThroughItsSocketBeforeItListensSoThatNoClientWaitsForIt() throws Exception {
        Path warmingUp = temp.resolve("warming.sock");
        List<Boolean> listeningDuringWarmUp = new ArrayList<>();
        List<Integer> warmUpExitCodes = new ArrayList<>();
        Environment environment = Environment.of(Map.of("PATH", System.getenv("PATH")), temp, HOME);
        CompletableFuture<Integer> result = CompletableFuture.supplyAsync(() -> {
            try {
                return new HookServer(warmingUp, Duration.ofSeconds(1), HookServer.REQUEST_DEADLINE, HOME)
                        .serve(bound -> {
                            listeningDuringWarmUp.add(Files.exists(warmingUp));
                            warmUpExitCodes.add(new WarmUpClient(bound).run(List.of("hooks", "git", "commit-msg",
                                    "/dev/null"), new byte[0], environment));
                        });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        assertThat(result.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(listeningDuringWarmUp).containsExactly(false);
        assertThat(warmUpExitCodes).as("served through the socket under its warm-up name").containsExactly(0);
        assertThat(temp.resolve("warming.sock.warming")).as("renamed once warm").doesNotExist();
    }

    @Test
    void aServerWhoseWarmUpFailsLeavesSoThatTheNextHookStartsAnother() throws Exception {
        Path failing = temp.resolve("failing.sock");

        int exitCode = new HookServer(failing, Duration.ofSeconds(60), HookServer.REQUEST_DEADLINE, HOME)
                .serve(bound -> {
                    throw new IllegalStateException("the scratch repository could not be made");
                });

        assertThat(exitCode).as("returned at once, not after 60 s idle").isZero();
        assertThat(failing).doesNotExist();
        assertThat(temp.resolve("failing.sock.warming")).doesNotExist();
    }

    @Test
    void theWarmUpRunsLinkedCaptureCyclesWithTheUsersGitConfigurationKeptOut() throws Exception {
        Path home = Files.createDirectories(temp.resolve("home"));
        // Signing through a program that always fails: a commit that read this configuration would fail.
        Files.writeString(home.resolve(".gitconfig"), "[commit]\n\tgpgsign = true\n[gpg]\n\tprogram = false\n"
                + "[core]\n\thooksPath = " + home.resolve("hooks") + "\n");
        Path scratchParent = Files.createDirectories(temp.resolve("tmp"));
        Map<String, String> variables = new HashMap<>(Map.of("HOME", home.toString(), "PATH", System.getenv("PATH"),
                "XDG_CONFIG_HOME", home.resolve(".config").toString(), "TMPDIR", scratchParent.toString()));
        Path warmingUp = temp.resolve("warm-up.sock");
        CompletableFuture<Boolean> warmUp = new CompletableFuture<>();

        int exitCode = new HookServer(warmingUp, Duration.ofSeconds(1), HookServer.REQUEST_DEADLINE, home)
                .serve(bound -> warmUp.complete(CacheTraining.warmUp(Environment.of(variables, Path.of("/"), home),
                        new WarmUpClient(bound))));

        assertThat(exitCode).isZero();
        assertThat(warmUp).isCompletedWithValue(true);
        try (Stream<Path> left = Files.list(scratchParent)) {
            assertThat(left).as("its scratch repository, made in the server's TMPDIR, is gone").isEmpty();
        }
    }

    /**
     * A session's work staged for an agent's commit, with its message file, what the launcher would list on the
     * hook's stdin, and the client's environment for a served prepare-commit-msg.
     */
    private record StagedAgentWork(Sandbox workspace, Path message, byte[] listing, Map<String, String> env) {
        byte[] listingWithStatus() {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.writeBytes(listing);
            all.writeBytes("git-exit:0\n".getBytes(StandardCharsets.UTF_8));
            return all.toByteArray();
        }

        /** The sessions' state and the owed checkpoints, each file's content by its path. */
        Map<String, String> sessionState() throws IOException {
            Map<String, String> files = new TreeMap<>();
            for (String folder : List.of(".git/entire-sessions", ".git/entire-owed")) {
                Path root = workspace.repo.resolve(folder);
                if (Files.isDirectory(root)) {
                    try (Stream<Path> walk = Files.walk(root)) {
                        for (Path file : walk.filter(Files::isRegularFile).toList()) {
                            files.put(workspace.repo.relativize(file).toString(),
                                    new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
                        }
                    }
                }
            }
            return files;
        }
    }

    private StagedAgentWork stagedAgentWork() throws Exception {
        Sandbox workspace = Sandbox.withReadme(temp.resolve("work"));
        assertThat(CliRun.run(workspace.repo, workspace.env(), "enable").exitCode()).isZero();
        ClaudeSession session = new ClaudeSession(workspace, Sandbox.SESSION_A,
                (stdin, args) -> runClient(workspace.repo, workspace.env(), stdin, args));
        session.prompt("Write the parser").write("parser.txt", "parse\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();
        workspace.git.run("add", "parser.txt");
        Path message = Files.writeString(temp.resolve("COMMIT_EDITMSG"), "Parser\n");
        byte[] listing = workspace.git.run(Changes.STAGED_ARGUMENTS, null).stdout();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(workspace.env());
        env.put("ENTIRE_NO_TTY", "1");
        env.put(LauncherStagedChanges.VARIABLE, "stdin");
        return new StagedAgentWork(workspace, message, listing, env);
    }

    /** A request on a connection: what the client writes, and what it reads back. */
    private record StreamedRequest(DataOutputStream out, DataInputStream in) {
    }

    /** Sends {@code work}'s prepare-commit-msg as a streamed request; returns once the server took it. */
    private static StreamedRequest sendStreamedPrepareCommitMsg(SocketChannel channel, StagedAgentWork work)
            throws IOException {
        return sendStreamed(channel, work.workspace().repo, work.env(), "hooks", "git", "prepare-commit-msg",
                work.message().toString(), "message");
    }

    /** Sends a streamed request; returns once the server took it. */
    private static StreamedRequest sendStreamed(SocketChannel channel, Path directory, Map<String, String> env,
            String... args) throws IOException {
        DataOutputStream out = new DataOutputStream(Channels.newOutputStream(channel));
        DataInputStream in = new DataInputStream(Channels.newInputStream(channel));
        writeHeader(out, HookServer.STREAMED_MAGIC, directory, env, args);
        assertThat(in.readByte()).as("taken before its stdin came").isEqualTo((byte) 'a');
        assertThat(in.readInt()).isZero();
        return new StreamedRequest(out, in);
    }

    /** The client sending a prepare-commit-msg of {@code MSG} to {@code server}, its listing to come on stdin. */
    private ProcessBuilder prepareCommitMsgClient(Path server) {
        ProcessBuilder builder = hookClient(server, "prepare-commit-msg", "MSG", "message");
        builder.environment().put(LauncherStagedChanges.VARIABLE, "stdin");
        return builder;
    }

    /** The client sending git hook {@code args} to {@code server}, as git runs it with no terminal. */
    private ProcessBuilder hookClient(Path server, String... args) {
        List<String> command = new ArrayList<>(List.of(client.toString(), server.toString(), "hooks", "git"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(temp.toFile());
        builder.environment().put("ENTIRE_NO_TTY", "1");
        return builder;
    }

    /** Reads what the peer sent until it closed the connection, or reset it. */
    private static void readUntilClosed(SocketChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            while (channel.read(buffer.clear()) >= 0) {
                // the request, which nobody reads
            }
        } catch (IOException reset) {
            // closed with bytes unread
        }
    }

    private static void writeHeader(DataOutputStream out, int magic, Path directory, Map<String, String> env,
            String... args) throws IOException {
        out.writeInt(magic);
        out.writeInt(args.length);
        for (String argument : args) {
            writeBlock(out, argument.getBytes(StandardCharsets.UTF_8));
        }
        writeBlock(out, directory.toString().getBytes(StandardCharsets.UTF_8));
        out.writeInt(env.size());
        for (Map.Entry<String, String> variable : env.entrySet()) {
            writeBlock(out, (variable.getKey() + "=" + variable.getValue()).getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
    }

    private static void writeChunk(DataOutputStream out, byte[] bytes) throws IOException {
        writeBlock(out, bytes);
        out.flush();
    }

    private static void writeBlock(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** The hook's exit code, after whatever output frames come first. */
    private static int exitCode(DataInputStream in) throws IOException {
        while (true) {
            byte kind = in.readByte();
            int length = in.readInt();
            if (kind == 'x') {
                return in.readInt();
            }
            in.skipNBytes(length);
        }
    }

    /**
     * As a server, reads the client's request on {@code accepted}, which must be one whose stdin follows the
     * acknowledgement, and takes it: what comes next is that stdin.
     */
    private static DataInputStream takeStreamed(SocketChannel accepted) throws IOException {
        DataInputStream in = new DataInputStream(Channels.newInputStream(accepted));
        assertThat(in.readInt()).as("a request whose stdin follows").isEqualTo(HookServer.STREAMED_MAGIC);
        skipInvocation(in);
        accepted.write(ByteBuffer.wrap(new byte[] {'a', 0, 0, 0, 0}));
        return in;
    }

    /** Skips a request's arguments, working directory and environment. */
    private static void skipInvocation(DataInputStream in) throws IOException {
        int args = in.readInt();
        for (int i = 0; i < args; i++) {
            in.skipNBytes(in.readInt());
        }
        in.skipNBytes(in.readInt());
        int variables = in.readInt();
        for (int i = 0; i < variables; i++) {
            in.skipNBytes(in.readInt());
        }
    }

    /** Reads stdin chunks until they hold {@code length} bytes. */
    private static byte[] readChunks(DataInputStream in, int length) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        while (read.size() < length) {
            byte[] chunk = new byte[in.readInt()];
            assertThat(chunk).as("a chunk before the end").isNotEmpty();
            in.readFully(chunk);
            read.writeBytes(chunk);
        }
        return read.toByteArray();
    }

    /** What the server answered: -1 when it closed the connection (or reset it, having left bytes unread). */
    private static int answer(SocketChannel channel) {
        try {
            return channel.read(ByteBuffer.allocate(16));
        } catch (IOException reset) {
            return -1;
        }
    }

    private static CompletableFuture<Integer> serve(Path socket, Duration idle) throws InterruptedException {
        return serve(socket, idle, HookServer.REQUEST_DEADLINE);
    }

    private static CompletableFuture<Integer> serve(Path socket, Duration idle, Duration requestDeadline)
            throws InterruptedException {
        return HookServerThread.serve(socket, idle, requestDeadline, HOME);
    }

    private CliRun runClient(Path directory, Map<String, String> env, byte[] stdin, String... args) {
        return runClient(directory, env, stdin, socket, args);
    }

    /** Runs the client as a hook script would, with {@code env} added to this JVM's environment. */
    private static CliRun runClient(Path directory, Map<String, String> env, byte[] stdin, Path socket,
            String... args) {
        List<String> command = new ArrayList<>(List.of(client.toString(), socket.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().putAll(env);
        builder.environment().put("ENTIRE_NO_TTY", "1");
        return CliRun.ofProcess(builder, stdin);
    }
}
