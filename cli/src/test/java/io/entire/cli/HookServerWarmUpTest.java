package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.Changes;
import io.entire.core.git.Git;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hook server warms up before it listens so that its first hooks cost what later ones do (issue 26): whatever a hook
 * loads on first use, a served hook that arrives before that path was warmed pays for. Runs a server in a JVM of its
 * own with its class loading logged and drives a first turn and commit through the real client, as the launcher
 * does; every class of ours (lambdas included) the first hooks load is a path the warm-up left cold, and a compile
 * the warm-up queued that runs after the socket took its name takes a core from the first hooks.
 */
@DisabledOnOs(OS.WINDOWS)
class HookServerWarmUpTest {
    /** A compile task as {@code -Xlog:jit+compilation=debug} prints it when a compiler thread starts it: its id. */
    private static final Pattern COMPILE_STARTED = Pattern.compile("^\\s*(\\d+)\\s.*::.*\\(\\d+ bytes\\)\\s*$");

    @TempDir
    Path temp;

    @Test
    void theFirstServedTurnAndCommitLoadNoClassOfOurs() throws Exception {
        Path client = HookClientBuild.compile(temp.resolve("entire-hook-client"));
        Sandbox workspace = enabledWorkspace();
        Path socket = temp.resolve("hooks.sock");
        Path classLog = temp.resolve("class-load.log");
        Path bin = Files.createDirectories(temp.resolve("bin"));

        try (HookServerProcess server = HookServerProcess.start(socket, bin, temp.resolve("server.log"),
                List.of("-Xlog:class+load=info:file=" + classLog))) {
            int loadedBeforeListening = Files.readAllLines(classLog).size();
            Served served = new Served(client, socket, workspace);
            servedTurnStaged(served, workspace);
            Path message = Files.writeString(temp.resolve("COMMIT_EDITMSG"), "Parser\n");
            // A post-commit that finds the linked checkpoint owed and HEAD without it (as the benchmark's rounds run
            // it), then the commit.
            served.prepareCommitMessage(message);
            assertThat(served.run(Map.of(), new byte[0], "hooks", "git", "post-commit").exitCode()).isZero();
            Files.writeString(message, "Parser\n");
            served.prepareCommitMessage(message);
            assertThat(served.run(Map.of(), new byte[0], "hooks", "git", "commit-msg", message.toString())
                    .exitCode()).isZero();
            workspace.git.run("-c", "core.hooksPath=/dev/null", "commit", "-q", "-F", message.toString());
            assertThat(served.run(Map.of(), new byte[0], "hooks", "git", "post-commit").exitCode()).isZero();

            assertThat(new LiveCapture(workspace).headCheckpoint()).as("the hooks did their work").isPresent();
            List<String> loaded = Files.readAllLines(classLog);
            assertThat(loaded.subList(loadedBeforeListening, loaded.size()))
                    .as("classes the first served hooks loaded").noneMatch(line -> line.contains(" io.entire."));
        }
    }

    @Test
    void theSocketTakesItsNameOnceTheWarmUpsCompilesAreDone() throws Exception {
        Path client = HookClientBuild.compile(temp.resolve("entire-hook-client"));
        Sandbox workspace = enabledWorkspace();
        Path socket = temp.resolve("hooks.sock");
        Path compileLog = temp.resolve("compilation.log");
        // Low compile thresholds make the warm-up queue compiles up to its last hooks (with the defaults, this test's
        // warm-up left none queued): the wait must see them through before the socket takes its name.
        List<String> options = new ArrayList<>(List.of("-XX:CompileThresholdScaling=0.1"));
        options.add("-Xlog:jit+compilation=debug:file=" + compileLog + ":none");

        try (HookServerProcess server = HookServerProcess.start(socket, Files.createDirectories(temp.resolve("bin")),
                temp.resolve("server.log"), options)) {
            List<String> beforeListening = Files.readAllLines(compileLog);
            Served served = new Served(client, socket, workspace);
            servedTurnStaged(served, workspace);
            served.prepareCommitMessage(Files.writeString(temp.resolve("COMMIT_EDITMSG"), "Parser\n"));

            List<String> all = Files.readAllLines(compileLog);
            int highestStartedBefore = startedCompiles(beforeListening).max().orElseThrow();
            // Ids are given when a task is queued: a task started later with a lower id waited in the queue while the
            // socket took its name.
            assertThat(startedCompiles(all.subList(beforeListening.size(), all.size()))
                    .filter(id -> id < highestStartedBefore).boxed().toList())
                    .as("compiles queued by the warm-up, run once the server listened (highest id started before: %d)",
                            highestStartedBefore).isEmpty();
        }
    }

    /** A served turn that writes a file, which is then staged. */
    private static void servedTurnStaged(Served served, Sandbox workspace) {
        ClaudeSession session = new ClaudeSession(workspace, Sandbox.SESSION_A,
                (stdin, args) -> served.run(Map.of(), stdin, args));
        assertThat(session.start().exitCode()).isZero();
        session.prompt("Write the parser").write("parser.txt", "parse\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();
        workspace.git.run("add", "parser.txt");
    }

    private Sandbox enabledWorkspace() throws IOException {
        Sandbox workspace = new Sandbox(temp.resolve("work")).commit("Say hello");
        Files.createDirectories(workspace.repo.resolve(".entire"));
        Files.writeString(workspace.repo.resolve(".entire/settings.json"), "{\"enabled\": true}\n");
        return workspace;
    }

    private static IntStream startedCompiles(List<String> lines) {
        return lines.stream().map(COMPILE_STARTED::matcher).filter(Matcher::matches)
                .mapToInt(match -> Integer.parseInt(match.group(1)));
    }

    /** Runs hooks through the client in the workspace, with the launcher's part for prepare-commit-msg. */
    private record Served(Path client, Path socket, Sandbox workspace) {
        CliRun run(Map<String, String> env, byte[] stdin, String... args) {
            List<String> command = new ArrayList<>(List.of(client.toString(), socket.toString()));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).directory(workspace.repo.toFile());
            builder.environment().putAll(workspace.env());
            builder.environment().putAll(env);
            builder.environment().put("ENTIRE_NO_TTY", "1");
            CliRun run = CliRun.ofProcess(builder, stdin);
            assertThat(run.exitCode()).as("served, not left to the launcher: %s", run.err()).isNotIn(124, 125);
            return run;
        }

        /** As bin/entire runs a served prepare-commit-msg: git's staged listing and status on the client's stdin. */
        void prepareCommitMessage(Path message) throws IOException {
            ByteArrayOutputStream stdin = new ByteArrayOutputStream();
            stdin.write(new Git(workspace.repo).run(Changes.STAGED_ARGUMENTS, null).stdout());
            stdin.write("git-exit:0\n".getBytes(StandardCharsets.UTF_8));
            assertThat(run(Map.of(LauncherStagedChanges.VARIABLE, "stdin"), stdin.toByteArray(), "hooks", "git",
                    "prepare-commit-msg", message.toString(), "message").exitCode()).isZero();
        }
    }
}
