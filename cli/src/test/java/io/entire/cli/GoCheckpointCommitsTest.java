package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage commits a condensed session makes carry the trailers the Go tool writes and reads. */
class GoCheckpointCommitsTest {
    @TempDir
    Path temp;

    @Test
    void aCheckpointCommitNamesTheShadowBranchItsSessionRecordedStepsOn() throws IOException {
        LiveCapture live = LiveCapture.enabledWithReadme(temp.resolve("work"));
        String base = live.workspace.head().strip();
        ClaudeSession session = new ClaudeSession(live.workspace, Sandbox.SESSION_A);
        session.write("src/a.txt", "a\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();
        live.userGit.run("add", "src/a.txt");
        live.userGit.run("commit", "-q", "-m", "Add a");

        String id = live.headCheckpoint().orElseThrow(() -> new AssertionError(live.workspace.headMessage()));
        String storage = live.workspace.git.run("log", "-1", "--format=%B", "entire/checkpoints/v1").text();
        assertThat(storage).startsWith("Checkpoint: " + id + "\n\n").contains(
                "Entire-Session: " + Sandbox.SESSION_A + "\n",
                "Entire-Agent: Claude Code\n",
                // The main work tree's id is empty: sha256("") starts e3b0c4.
                "Ephemeral-branch: entire/" + base.substring(0, 7) + "-e3b0c4\n");
    }
}
