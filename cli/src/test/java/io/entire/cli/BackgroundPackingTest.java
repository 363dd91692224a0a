package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.Git;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The post-commit hook that writes a checkpoint starts the packer in a process of its own: the commit returns, and
 * the checkpoint's objects end up in a pack of their own, found and read as before.
 */
class BackgroundPackingTest {
    private static final Duration PACKER_DEADLINE = Duration.ofMinutes(2);

    @TempDir
    Path temp;

    @Test
    void aCheckpointCommitPacksTheCheckpointInTheBackground() throws IOException, InterruptedException {
        LiveCapture live = LiveCapture.enabledWithReadme(temp.resolve("work"));
        Sandbox workspace = live.workspace;
        ClaudeSession session = new ClaudeSession(workspace, Sandbox.SESSION_A);
        session.prompt("Write the parser").write("parser.txt", "parse\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();
        // The tests' default turns the packer off (see the build); this commit is the user's, with it on.
        Git user = new Git(workspace.repo, Map.of("ENTIRE_NO_TTY", "1", BackgroundPacking.VARIABLE, ""));

        user.run("add", "parser.txt");
        user.run("commit", "-q", "-m", "Parser");

        String id = live.headCheckpoint().orElseThrow();
        Path log = workspace.repo.resolve(".entire").resolve(HookLog.FILE);
        awaitLine(log, "\"component\":\"pack-checkpoints\"");
        assertThat(Files.readString(log)).contains("\"message\":\"packed\"");
        String packs = user.run("count-objects", "-v").text();
        assertThat(packs).contains("packs: 1");
        List<String> checkpointObjects = user.run("rev-list", "--objects", "entire/checkpoints/v1").text().lines()
                .map(line -> line.split(" ")[0]).toList();
        String loose = user.run("rev-list", "--objects", "--unpacked", "entire/checkpoints/v1").text();
        assertThat(checkpointObjects).isNotEmpty();
        assertThat(loose).as("every checkpoint object is packed").isBlank();
        assertThat(live.checkpointJson(id, "0/metadata.json").strings("files_touched")).containsExactly("parser.txt");
        assertThat(user.run("fsck", "--strict").succeeded()).isTrue();
    }

    /** Waits for the packer's last act, its log line, so that no packer outlives the test's repository. */
    private static void awaitLine(Path log, String fragment) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(PACKER_DEADLINE);
        while (!(Files.exists(log) && Files.readString(log).contains(fragment))) {
            assertThat(Instant.now()).as("the packer logged nothing within " + PACKER_DEADLINE).isBefore(deadline);
            Thread.sleep(50);
        }
    }
}
