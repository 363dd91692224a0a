package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.Git;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code entire import} whose JVM is killed (SIGKILL, for real) after it stored one of the two sessions of a commit:
 * the next import stores the other one in the same checkpoint, and a third finds nothing left to do. The two
 * sessions are the real session A and a fork of it (what {@code claude --fork-session} writes: the same messages under
 * a session id of its own), so both ran while the commit was made and wrote its file. The repository's
 * {@code reference-transaction} hook stops the import where the second session's write would publish, so the test
 * knows where the JVM is when it kills it.
 */
class InterruptedImportTest {
    private static final String SETTINGS_TEST = "cmd/entire/cli/settings/settings_test.go";
    private static final String FORK = "5b2f1c3e-8a4d-4f6e-9c0b-7d1e2a3f4b5c";
    private static final String CHECKPOINT_BRANCH = "refs/heads/entire/checkpoints/v1";

    @TempDir
    Path temp;
    Sandbox sandbox;
    Path control;
    String commit;

    @BeforeEach
    void setUp() throws IOException {
        sandbox = new Sandbox(temp);
        sandbox.writeFile(SETTINGS_TEST, "package settings\n\nimport (\n\t\"os\"\n\t\"testing\"\n)\n");
        commitAt("2026-02-05T10:00:00Z", "Start the project");
        sandbox.writeFile(SETTINGS_TEST, "package settings\n\nimport (\n\t\"os\"\n\t\"strings\"\n\t\"testing\"\n)\n");
        commit = commitAt("2026-02-06T05:14:30Z", "Use strings.Contains");
        String real = Files.readString(Sandbox.FIXTURES.resolve("claude-code").resolve(Sandbox.SESSION_A + ".jsonl"))
                .replace("/Users/paul/src/entireio/20260205-cli", sandbox.repo.toRealPath().toString());
        sandbox.transcript(Sandbox.SESSION_A, real);
        sandbox.transcript(FORK, real.replace(Sandbox.SESSION_A, FORK));
        control = Files.createDirectories(temp.resolve("control"));
    }

    /** A test that failed before it killed the stopped import leaves no process behind. */
    @AfterEach
    void endStoppedProcesses() throws IOException {
        Path pids = control.resolve("pids");
        if (Files.exists(pids)) {
            for (String pid : Files.readString(pids).strip().split(" ")) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Test
    void aRerunAfterTheImportWasKilledStoresExactlyTheSessionsItMissed() throws Exception {
        stopTheSecondCheckpointWrite();
        Process killed = startImport();
        long stoppedHook = awaitStop(killed);
        killed.toHandle().destroyForcibly();
        killed.onExit().get(60, TimeUnit.SECONDS);
        ProcessHandle.of(stoppedHook).ifPresent(ProcessHandle::destroyForcibly);
        Files.delete(control.resolve("pids"));
        String checkpoint = checkpointOf(commit);
        assertThat(sessionsIn(checkpoint)).as("the killed import stored one session").hasSize(1);

        CliRun rerun = sandbox.run("import", "--agent", "claude-code");

        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(rerun.out()).contains("Imported 1 session(s) into 1 checkpoint(s)");
        assertThat(checkpointOf(commit)).as("the same checkpoint, completed").isEqualTo(checkpoint);
        assertThat(sessionsIn(checkpoint)).containsExactlyInAnyOrder(Sandbox.SESSION_A, FORK);
        String tip = sandbox.checkpointTip();
        CliRun third = sandbox.run("import", "--agent", "claude-code");
        assertThat(third.exitCode()).as(third.err()).isZero();
        assertThat(third.out()).contains("Nothing to import.");
        assertThat(sandbox.checkpointTip()).isEqualTo(tip);
        assertThat(sandbox.git.run("fsck", "--strict").succeeded()).isTrue();
    }

    /**
     * The hook lets every ref transaction through but the second one that moves the checkpoint branch: there (once)
     * it writes the import JVM's pid and its own to {@code control/pids} and waits to be killed, before git publishes.
     */
    private void stopTheSecondCheckpointWrite() throws IOException {
        Path hook = sandbox.repo.resolve(".git/hooks/reference-transaction");
        Files.writeString(hook, "#!/bin/sh\n"
                + "control='" + control + "'\n"
                + "[ \"$1\" = prepared ] || exit 0\n"
                + "grep -q ' " + CHECKPOINT_BRANCH + "$' || exit 0\n"
                + "mkdir \"$control/first\" 2>/dev/null && exit 0\n"
                + "mkdir \"$control/taken\" 2>/dev/null || exit 0\n"
                + "jvm=$(cut -d ' ' -f 4 /proc/$PPID/stat)\n"
                + "echo \"$jvm $$\" > \"$control/pids.tmp\" && mv \"$control/pids.tmp\" \"$control/pids\"\n"
                + "exec sleep 300\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Process startImport() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "import", "--agent", "claude-code")
                .directory(sandbox.repo.toFile()).redirectOutput(temp.resolve("import.log").toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(sandbox.env());
        return builder.start();
    }

    /** Waits until the hook says the import stopped there; returns the stopped hook's pid. */
    private long awaitStop(Process process) throws IOException, InterruptedException {
        Path pids = control.resolve("pids");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (!Files.exists(pids)) {
            assertThat(Instant.now()).as("the import reached its second write in time").isBefore(deadline);
            try {
                process.onExit().get(50, TimeUnit.MILLISECONDS);
                throw new AssertionError("the import ended before its second write: "
                        + Files.readString(temp.resolve("import.log")));
            } catch (TimeoutException stillRunning) {
                // the import has not reached the stopping hook yet
            } catch (ExecutionException e) {
                throw new AssertionError("waiting for the import failed", e);
            }
        }
        String[] fields = Files.readString(pids).strip().split(" ");
        assertThat(Long.parseLong(fields[0])).as("the hook's git was started by the import's JVM")
                .isEqualTo(process.pid());
        return Long.parseLong(fields[1]);
    }

    /** The one checkpoint the commit's explanation shows. */
    private String checkpointOf(String code) {
        CliRun explain = sandbox.run("explain", code, "--json");
        assertThat(explain.exitCode()).as(explain.err()).isZero();
        return parse(explain.out()).findString("checkpoint_id").orElseThrow();
    }

    private List<String> sessionsIn(String checkpoint) {
        CliRun explain = sandbox.run("explain", checkpoint, "--json");
        assertThat(explain.exitCode()).as(explain.err()).isZero();
        return parse(explain.out()).findArray("sessions").orElseThrow().elements().stream()
                .map(session -> ((JsonObject) session).findString("session_id").orElseThrow()).toList();
    }

    private static JsonObject parse(String json) {
        return new JsonReader().parseObject(json.getBytes(StandardCharsets.UTF_8));
    }

    private String commitAt(String time, String message) {
        Git dated = sandbox.git.withVariables(Map.of("GIT_AUTHOR_DATE", time, "GIT_COMMITTER_DATE", time));
        dated.run("add", "-A");
        dated.run("commit", "-q", "-m", message);
        return sandbox.head();
    }
}
