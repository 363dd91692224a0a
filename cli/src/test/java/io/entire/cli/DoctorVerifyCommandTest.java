package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.Git;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code entire doctor verify} as a user runs it: on the Go tool's real checkpoints, and on ones the hooks wrote. */
class DoctorVerifyCommandTest {
    @TempDir
    Path temp;

    @Test
    void theRealSampleReportsItsOwnFaultsOneLineEachAndExitsOne() {
        new Git(temp).run("clone", "-q", "-b", "main",
                Sandbox.FIXTURES.resolve("upstream-v1-sample.bundle").toString(), "sample");
        Path clone = temp.resolve("sample");
        new Git(clone).run("branch", "-q", "entire/checkpoints/v1", "origin/entire/checkpoints/v1");

        CliRun verify = CliRun.run(clone, Map.of(), "doctor", "verify");

        assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(ExitCode.FAILED);
        List<String> lines = verify.out().lines().toList();
        assertThat(lines).hasSize(7);
        assertThat(lines.subList(0, 6)).allMatch(line -> line.matches("[0-9a-f]{12} \\(branch\\): .+"));
        assertThat(lines.subList(0, 6)).filteredOn(line -> line.contains("does not match content_hash.txt"))
                .hasSize(5);
        assertThat(lines.get(6)).isEqualTo("Checked 40 checkpoint copies in branch: 6 problem(s).");
        JsonObject json = new JsonReader().parseObject(CliRun.run(clone, Map.of(), "doctor", "verify", "--json")
                .out().getBytes(StandardCharsets.UTF_8));
        assertThat(json.findLong("copies_checked")).contains(40L);
        assertThat(json.findArray("problems").orElseThrow().elements()).hasSize(6);
    }

    @Test
    void checkpointsTheHooksWroteVerifyClean() throws IOException {
        LiveCapture live = LiveCapture.enabledWithReadme(temp.resolve("work"));
        ClaudeSession session = new ClaudeSession(live.workspace, Sandbox.SESSION_A);
        session.prompt("Write the parser").write("parser.txt", "parse\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();
        live.userGit.run("add", "parser.txt");
        live.userGit.run("commit", "-q", "-m", "Parser");

        CliRun verify = live.run("doctor", "verify");

        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.out()).isEqualTo("Checked 1 checkpoint copies in branch: no problems.\n");
    }
}
