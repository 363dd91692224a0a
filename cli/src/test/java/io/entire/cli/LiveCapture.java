package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.Git;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A repository with live capture enabled the way a user enables it, except that the installed hooks run the CLI on
 * this test's class path ({@code ENTIRE_HOOK_COMMAND}), so git runs the code under test as a real hook would.
 */
final class LiveCapture {
    private static final Pattern TRAILER = Pattern.compile("Entire-Checkpoint: ([0-9a-f]{12}|[0-9A-Z]{26})");

    final Sandbox workspace;
    /** git as Claude Code's shell runs it: no terminal, {@code CLAUDECODE=1}. */
    final Git agentGit;
    /** git as a person runs it in a script: no terminal to ask on. */
    final Git userGit;

    /** A repository with one commit of {@code README.md} and Entire enabled in it: where most capture tests start. */
    static LiveCapture enabledWithReadme(Path directory) throws IOException {
        Sandbox workspace = new Sandbox(directory);
        Files.writeString(workspace.repo.resolve("README.md"), "readme\n");
        workspace.git.run("add", ".");
        workspace.commit("initial");
        LiveCapture live = new LiveCapture(workspace);
        live.enable();
        return live;
    }

    LiveCapture(Sandbox workspace) {
        this.workspace = workspace;
        this.agentGit = new Git(workspace.repo, Map.of("CLAUDECODE", "1"));
        this.userGit = new Git(workspace.repo, Map.of("ENTIRE_NO_TTY", "1"));
    }

    /** The command installed hooks run: this JVM's java with this test's class path. */
    static String hookCommand() {
        return "'" + Path.of(System.getProperty("java.home"), "bin", "java") + "' -cp '"
                + System.getProperty("java.class.path") + "' " + Main.class.getName();
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>(workspace.env());
        env.put(EnableCommand.HOOK_COMMAND_VARIABLE, hookCommand());
        env.put("ENTIRE_NO_TTY", "1");
        return env;
    }

    CliRun run(String... args) {
        return CliRun.run(workspace.repo, env(), args);
    }

    CliRun enable(String... flags) {
        String[] args = new String[flags.length + 1];
        args[0] = "enable";
        System.arraycopy(flags, 0, args, 1, flags.length);
        CliRun run = run(args);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return run;
    }

    /** The checkpoint id in HEAD's message, if it carries one. */
    Optional<String> headCheckpoint() {
        Matcher matcher = TRAILER.matcher(workspace.headMessage());
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    String show(String revision) {
        return workspace.git.run("show", revision).text();
    }

    /** A JSON file of a checkpoint on the v1 branch: {@code metadata.json}, {@code 0/metadata.json}... */
    JsonObject checkpointJson(String id, String file) {
        return new JsonReader().parseObject(show("entire/checkpoints/v1:" + id.substring(0, 2) + "/" + id.substring(2)
                + "/" + file).getBytes(StandardCharsets.UTF_8));
    }

    String checkpointFile(String id, String file) {
        return show("entire/checkpoints/v1:" + id.substring(0, 2) + "/" + id.substring(2) + "/" + file);
    }

    /** The paths in a checkpoint's tree on the v1 branch: {@code metadata.json}, {@code 0/full.jsonl}... */
    List<String> checkpointFiles(String id) {
        return workspace.git.run("ls-tree", "-r", "--name-only", "entire/checkpoints/v1:" + id.substring(0, 2) + "/"
                + id.substring(2)).text().lines().toList();
    }

    /** The shadow branches ({@code entire/<7 hex>-<6 hex>}). */
    List<String> shadowBranches() {
        return workspace.git.run("for-each-ref", "--format=%(refname:short)", "refs/heads/entire/").text().lines()
                .filter(name -> name.matches("entire/[0-9a-f]{7}-[0-9a-f]{6}")).toList();
    }

    /** A session's state file. */
    JsonObject sessionState(String sessionId) {
        try {
            return new JsonReader().parseObject(Files.readAllBytes(workspace.repo.resolve(".git/entire-sessions")
                    .resolve(sessionId + ".json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> sessionFiles() {
        Path directory = workspace.repo.resolve(".git/entire-sessions");
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".json")).sorted()
                    .toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
