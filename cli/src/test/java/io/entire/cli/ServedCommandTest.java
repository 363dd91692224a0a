package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.Git;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read-only commands run by the hook server for the real client, against the same commands run in a JVM of their
 * own (this module's classes, started as {@code bin/entire} starts them): byte for byte the same stdout, stderr and
 * exit code, on a real pseudo-terminal ({@code script}) with colour and a pager, and without one. The repository is
 * {@link BlameCommandTest}'s: a real session's edits, a person's change, the session attached to the commit.
 */
@DisabledOnOs(OS.WINDOWS)
class ServedCommandTest {
    private static final Path HOME = Path.of(System.getProperty("user.home"));
    private static final String FILE = "cmd/entire/cli/strategy/messages.go";
    /** Marks every line it shows, so a run shows whether its output went through the pager. */
    private static final Map<String, String> MARKING_PAGER = Map.of("PAGER", "sed 's/^/paged: /'",
            "TERM", "xterm-256color");

    @TempDir
    static Path shared;
    static Path client;

    @TempDir
    Path temp;
    Path socket;
    CompletableFuture<Integer> server;
    Sandbox workspace;

    @BeforeAll
    static void compileClient() throws Exception {
        client = HookClientBuild.compile(shared.resolve("entire-hook-client"));
    }

    @BeforeEach
    void setUp() throws Exception {
        socket = temp.resolve("hooks.sock");
        server = HookServerThread.serve(socket, Duration.ofSeconds(60), HookServer.REQUEST_DEADLINE, HOME);
        workspace = new Sandbox(temp.resolve("work"));
        Files.createDirectories(workspace.repo.resolve(FILE).getParent());
        Files.writeString(workspace.repo.resolve(FILE), "package strategy\n\nfunc FormatIncrementalSubject(\n"
                + "\tincrementalType string,\n) string {\n\treturn \"\"\n}\n");
        workspace.git.run("add", "-A");
        workspace.git.run("commit", "-q", "-m", "Add the subject formatter");
        Files.writeString(workspace.repo.resolve(FILE), "package strategy\n\nfunc FormatIncrementalSubject(\n"
                + "\tincrementalType string, //nolint:unparam // kept for API compatibility\n) string {\n"
                + "\treturn \"\"\n}\n");
        workspace.git.run("commit", "-q", "-am", "Keep the unused parameters for the linter");
        workspace.fixtureTranscript(Sandbox.SESSION_B);
        CliRun attach = workspace.run("attach", Sandbox.SESSION_B, "--force");
        assertThat(attach.exitCode()).as(attach.err()).isZero();
    }

    @AfterEach
    void stopServer() throws Exception {
        Files.deleteIfExists(socket);
        assertThat(server.get(20, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void withoutATerminalEachCommandPrintsWhatItsOwnJvmPrints() throws Exception {
        for (List<String> command : List.of(List.of("explain"), List.of("explain", "--full"),
                List.of("explain", "--json"), List.of("explain", "--short"), List.of("explain", "--raw-transcript"),
                List.of("checkpoint", "list"), List.of("checkpoint", "list", "--json"),
                List.of("search", "linter"), List.of("search", "linter", "--json"),
                List.of("blame", FILE), List.of("blame", FILE, "-L", "2,4", "--json"))) {
            CliRun own = ownJvm(command, MARKING_PAGER);
            CliRun served = served(command, MARKING_PAGER);

            assertThat(own.exitCode()).as("%s: %s", command, own.err()).isZero();
            assertThat(own.out()).as("%s", command).isNotEmpty();
            assertThat(served).as("%s", command).isEqualTo(own);
        }
    }

    @Test
    void badInputGetsTheSameErrorAndExitCode() throws Exception {
        for (List<String> command : List.of(List.of("explain", "ffffffffffff"), List.of("explain", "not-an-id!"),
                List.of("blame", FILE, "-L", "7,3"), List.of("blame", "no/such/file.go"), List.of("search", "the"),
                List.of("checkpoint", "list", "--no-such-option"))) {
            CliRun own = ownJvm(command, Map.of());
            CliRun served = served(command, Map.of());

            assertThat(own.exitCode()).as("%s: %s", command, own.err()).isNotZero();
            assertThat(own.err()).as("%s", command).isNotEmpty();
            assertThat(served).as("%s", command).isEqualTo(own);
        }
    }

    @Test
    void onATerminalColourAndThePagerAreTheSame() throws Exception {
        for (List<String> command : List.of(List.of("explain", "--full"), List.of("checkpoint", "list"),
                List.of("search", "linter"), List.of("blame", FILE), List.of("explain", "--no-pager"))) {
            String own = onTerminal(ownJvmCommand(command), MARKING_PAGER);
            String served = onTerminal(clientCommand(command), MARKING_PAGER);

            assertThat(own).as("%s", command).isNotBlank();
            assertThat(served).as("%s", command).isEqualTo(own);
        }
        String paged = onTerminal(clientCommand(List.of("explain", "--full")), MARKING_PAGER);
        assertThat(paged).contains("paged: \u001b[1mCheckpoint ");
        assertThat(paged.lines().filter(line -> !line.isBlank())).allSatisfy(line -> assertThat(line)
                .startsWith("paged: "));
        Map<String, String> noColor = new HashMap<>(MARKING_PAGER);
        noColor.put("NO_COLOR", "1");
        String plain = onTerminal(clientCommand(List.of("blame", FILE)), noColor);
        assertThat(plain).isEqualTo(onTerminal(ownJvmCommand(List.of("blame", FILE)), noColor))
                .contains("paged: ").doesNotContain("\u001b[");
    }

    @Test
    void commandsThatMayAskOrChangeStateAreLeftToTheLauncher() {
        for (List<String> command : List.of(List.of("checkpoint", "push"), List.of("checkpoint", "list", "--remote"),
                List.of("status"), List.of("enable"), List.of("attach", Sandbox.SESSION_B))) {
            CliRun run = served(command, Map.of());

            assertThat(run).as("%s", command).isEqualTo(new CliRun(124, "", ""));
        }
    }

    @Test
    void aServerThatGoesAwayMidCommandFailsItWithOneLine() throws Exception {
        Path dying = temp.resolve("dying.sock");
        try (ServerSocketChannel fake = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            fake.bind(UnixDomainSocketAddress.of(dying));
            CompletableFuture<Void> takeAndDie = CompletableFuture.runAsync(() -> {
                try (SocketChannel accepted = fake.accept()) {
                    accepted.read(ByteBuffer.allocate(1 << 16));
                    accepted.write(ByteBuffer.wrap(new byte[] {'a', 0, 0, 0, 0, 'o', 0, 0, 0, 8,
                            'p', 'a', 'r', 't', 'i', 'a', 'l', '\n'}));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });

            CliRun run = run(clientCommand(dying, List.of("checkpoint", "list")), Map.of());
            takeAndDie.get(10, TimeUnit.SECONDS);

            assertThat(run.exitCode()).as("a command, unlike a hook, fails").isEqualTo(1);
            assertThat(run.out()).isEqualTo("partial\n");
            assertThat(run.err()).isEqualTo("entire: the hook server went away before checkpoint finished; its output"
                    + " may be incomplete (ENTIRE_HOOK_SERVER=off runs commands without it)\n");
        }
    }

    @Test
    void aServerThatDoesNotTakeTheCommandInTimeLeavesItToTheLauncher() throws Exception {
        Path stuck = temp.resolve("stuck.sock");
        try (ServerSocketChannel fake = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            fake.bind(UnixDomainSocketAddress.of(stuck));   // it listens, so connecting works, but it never accepts

            CliRun run = run(clientCommand(stuck, List.of("search", "linter")),
                    Map.of("ENTIRE_HOOK_ACCEPT_TIMEOUT", "0.5"));

            assertThat(run.exitCode()).as("the launcher runs the JVM").isEqualTo(125);
            assertThat(run.err()).isEqualTo("entire: the hook server did not take the command within 0.5 s; running it"
                    + " without the server\n");
        }
        Files.delete(socket);
        assertThat(server.get(20, TimeUnit.SECONDS)).isZero();
        assertThat(served(List.of("search", "linter"), Map.of())).as("nobody listens")
                .isEqualTo(new CliRun(125, "", ""));
        server = CompletableFuture.completedFuture(0);
    }

    @Test
    void searchesAtOnceWhileAServedCommitWritesACheckpointAllSucceedOnOneIndex() throws Exception {
        Map<String, String> env = new HashMap<>(workspace.env());
        env.put(EnableCommand.HOOK_COMMAND_VARIABLE, "'" + client + "' '" + socket + "'");
        assertThat(CliRun.run(workspace.repo, env, "enable").exitCode()).isZero();
        ClaudeSession session = new ClaudeSession(workspace, Sandbox.SESSION_A,
                (stdin, args) -> runHook(stdin, args));
        session.prompt("Write the zanzibar parser").write("parser.txt", "parse\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();

        List<CompletableFuture<CliRun>> searches = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            searches.add(CompletableFuture.supplyAsync(() -> served(List.of("search", "linter"), Map.of())));
        }
        Git agentGit = new Git(workspace.repo, Map.of("CLAUDECODE", "1"));
        agentGit.run("add", "parser.txt");
        agentGit.run("commit", "-q", "-m", "Parser");   // post-commit, served, writes the checkpoint

        assertThat(searches).allSatisfy(search -> {
            CliRun done = search.get(60, TimeUnit.SECONDS);
            assertThat(done.exitCode()).as(done.err()).isZero();
            assertThat(done.out()).contains("linter");
        });
        CliRun found = served(List.of("search", "zanzibar"), Map.of());
        assertThat(found.exitCode()).as(found.err()).isZero();
        assertThat(found.out()).contains("zanzibar");
        assertThat(found.err()).isEmpty();
        assertThat(served(List.of("search", "linter"), Map.of())).isEqualTo(ownJvm(List.of("search", "linter"),
                Map.of()));
    }

    /** What one run printed. */
    private CliRun served(List<String> command, Map<String, String> variables) {
        return run(clientCommand(socket, command), variables);
    }

    private CliRun ownJvm(List<String> command, Map<String, String> variables) {
        return run(ownJvmCommand(command), variables);
    }

    private List<String> clientCommand(List<String> command) {
        return clientCommand(socket, command);
    }

    private static List<String> clientCommand(Path socket, List<String> command) {
        List<String> line = new ArrayList<>(List.of(client.toString(), socket.toString()));
        line.addAll(command);
        return line;
    }

    private static List<String> ownJvmCommand(List<String> command) {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        line.addAll(command);
        return line;
    }

    /** Runs {@code command} in the repository with stdin, stdout and stderr that are no terminal. */
    private CliRun run(List<String> command, Map<String, String> variables) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workspace.repo.toFile());
        builder.environment().putAll(environment(variables));
        return CliRun.ofProcess(builder, new byte[0]);
    }

    /** What a person at a real pseudo-terminal sees of {@code command}: its stdout and stderr as the terminal shows. */
    private String onTerminal(List<String> command, Map<String, String> variables)
            throws IOException, InterruptedException {
        StringBuilder line = new StringBuilder();
        for (String word : command) {
            line.append('\'').append(word.replace("'", "'\\''")).append("' ");
        }
        ProcessBuilder builder = new ProcessBuilder("script", "-qec", line.toString(), "/dev/null")
                .directory(workspace.repo.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeAll(List.of("CI", "CLAUDECODE", "ENTIRE_NO_TTY"));
        builder.environment().putAll(environment(variables));
        Process process = builder.start();
        process.getOutputStream().close();
        String shown = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(shown).isZero();
        return shown;
    }

    /** The sandbox's variables, a fixed zone (the server's own is this JVM's), and {@code variables}. */
    private Map<String, String> environment(Map<String, String> variables) {
        Map<String, String> environment = new HashMap<>(workspace.env());
        environment.put("TZ", "UTC");
        environment.putAll(variables);
        return environment;
    }

    private CliRun runHook(byte[] stdin, String... args) {
        ProcessBuilder builder = new ProcessBuilder(clientCommand(List.of(args))).directory(workspace.repo.toFile());
        builder.environment().putAll(workspace.env());
        builder.environment().put("ENTIRE_NO_TTY", "1");
        return CliRun.ofProcess(builder, stdin);
    }
}
