package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the library notices on the way (a malformed queue entry, an unreadable session file) goes to
 * {@code .entire/logs/entire.log} as JSON lines, never in java.util.logging's two-line format onto the terminal; a
 * remote that cannot be reached is the command's one line. Runs the CLI in a fresh JVM, as a user does, where nothing
 * configured logging beforehand.
 */
class DiagnosticsOutputTest {
    /** java.util.logging's default format: a line with date, time and source, then {@code LEVEL: message}. */
    private static final Pattern JUL_LINE = Pattern.compile(
            "^([A-Z][a-z]{2} \\d{1,2}, \\d{4} .*|(SEVERE|WARNING|INFO|CONFIG|FINE): .*)$");

    @TempDir
    Path temp;
    Sandbox sandbox;

    @BeforeEach
    void setUp() throws IOException {
        sandbox = new Sandbox(temp.resolve("sandbox")).commit("Say hello");
        Files.createDirectories(sandbox.repo.resolve(".entire"));
        // The ref store reads the push queue, and v2 pushes refs of its own.
        Files.writeString(sandbox.repo.resolve(".entire/settings.json"), "{\"enabled\": true, \"strategy_options\": "
                + "{\"checkpoint_store\": \"refs-v1\", \"checkpoints_v2\": true}}\n");
    }

    @Test
    void pushLogsWhatItSkipsToTheRepositoryNotTheTerminal() throws Exception {
        Files.writeString(sandbox.repo.resolve(".git/entire-checkpoint-push-queue.jsonl"), "not json\n");
        sandbox.git.run("remote", "add", "origin", temp.resolve("no-such-remote.git").toUri().toString());

        String unreachable = run("checkpoint", "push");
        Path remote = temp.resolve("remote.git");
        sandbox.git.run("init", "-q", "--bare", remote.toString());
        sandbox.git.run("remote", "set-url", "origin", remote.toUri().toString());
        String reachable = run("checkpoint", "push");

        assertThat(unreachable.lines()).as(unreachable).noneMatch(line -> JUL_LINE.matcher(line).matches())
                .anyMatch(line -> line.startsWith("entire: could not reach 'origin'"));
        assertThat(reachable.lines()).as(reachable).noneMatch(line -> JUL_LINE.matcher(line).matches())
                .noneMatch(line -> line.contains("skipping malformed entry"));
        assertThat(logEvents()).anySatisfy(event -> {
            assertThat(event.findString("level")).contains("warning");
            assertThat(event.findString("component")).contains("PushQueue");
            assertThat(event.findString("message").orElseThrow()).contains("skipping malformed entry");
        });
    }

    @Test
    void statusWithAnUnreadableSessionFileLogsToTheRepositoryNotTheTerminal() throws Exception {
        Files.createDirectories(sandbox.repo.resolve(".git/entire-sessions"));
        Files.writeString(sandbox.repo.resolve(".git/entire-sessions/" + Sandbox.SESSION_A + ".json"), "{broken");

        String err = run("status");

        assertThat(err.lines()).as(err).noneMatch(line -> JUL_LINE.matcher(line).matches());
        assertThat(logEvents()).anySatisfy(event -> {
            assertThat(event.findString("level")).contains("warning");
            assertThat(event.findString("message").orElseThrow()).contains("skipping session state");
        });
    }

    /** Runs {@code entire <args>} in a JVM of its own in the sandbox; returns its stderr. */
    private String run(String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        Path err = temp.resolve("stderr.txt");
        Process process = new ProcessBuilder(command).directory(sandbox.repo.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("entire %s finished", String.join(" ", args)).isTrue();
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    private List<JsonObject> logEvents() throws IOException {
        Path log = sandbox.repo.resolve(".entire/logs/entire.log");
        assertThat(log).exists();
        List<JsonObject> events = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            events.add(new JsonReader().parseObject(line.getBytes(StandardCharsets.UTF_8)));
        }
        return events;
    }
}
