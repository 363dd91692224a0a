package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Links that survive history: squashes, cherry-picks and reverts in a real repository whose hooks run the CLI under
 * test. Every case ends with explain resolving every checkpoint that went into the rewritten history.
 */
class HistoryRewriteTest {
    @TempDir
    Path temp;
    Workspace workspace;
    LiveCapture live;
    private int sessions;

    @BeforeEach
    void setUp() throws IOException {
        workspace = new Workspace(temp.resolve("work"));
        Files.writeString(workspace.repo.resolve("README.md"), "readme\n");
        workspace.git.run("add", ".");
        workspace.commit("initial");
        live = new LiveCapture(workspace);
        live.enable();
    }

    @Test
    void cherryPickAndRevertLeaveEveryCommitExplained() {
        String a = agentCommit("a.txt", "A");
        String linked = workspace.head();
        workspace.git.run("switch", "-q", "-c", "release", "HEAD~1");

        live.userGit.run("cherry-pick", linked);
        assertThat(explained("HEAD")).containsExactly(a);

        live.userGit.run("revert", "--no-edit", "HEAD");
        assertThat(explained("HEAD~1")).containsExactly(a);
        assertThat(explained(linked)).containsExactly(a);
    }

    @Test
    void aMergeSquashAndAForgeSquashMessageExplainEveryCheckpoint() throws IOException {
        workspace.git.run("switch", "-q", "-c", "feature");
        String a = agentCommit("a.txt", "A");
        String b = agentCommit("b.txt", "B");
        workspace.git.run("switch", "-q", "main");

        live.userGit.run("merge", "-q", "--squash", "feature");
        live.userGit.run("commit", "-q", "--no-edit");
        assertThat(explained("HEAD")).containsExactly(b, a);

        Files.writeString(temp.resolve("forge.txt"), "Feature (#12)\n\n* A\n\n  Entire-Checkpoint: " + a
                + "\n\n* B\n\nEntire-Checkpoint: " + b + "\n");
        live.userGit.run("commit", "-q", "--allow-empty", "-F", temp.resolve("forge.txt").toString());
        assertThat(explained("HEAD")).containsExactly(a, b);
    }

    @Test
    void aCommitLinkingAMissingCheckpointStillExplainsTheOthers() throws IOException {
        String a = agentCommit("a.txt", "A");
        Files.writeString(temp.resolve("squash.txt"), "Squashed\n\n    Entire-Checkpoint: 0123456789ab\n"
                + "    Entire-Checkpoint: " + a + "\n");
        live.userGit.run("commit", "-q", "--allow-empty", "-F", temp.resolve("squash.txt").toString());

        CliRun explain = live.run("explain", "HEAD", "--json");

        assertThat(explain.exitCode()).as("a checkpoint could not be shown").isEqualTo(1);
        assertThat(explain.err()).contains("0123456789ab");
        JsonObject json = parse(explain.out());
        assertThat(json.findString("checkpoint_id")).contains(a);
        assertThat(json.strings("missing_checkpoints")).containsExactly("0123456789ab");
        CliRun text = live.run("explain", "HEAD");
        assertThat(text.out()).contains("Checkpoint " + a);
        assertThat(text.err()).contains("0123456789ab");
    }

    /** A Claude Code session writes {@code path}; the agent commits it; returns the checkpoint the commit links. */
    private String agentCommit(String path, String subject) {
        ClaudeSession session = session();
        session.prompt("Write " + path).write(path, path + "\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();
        live.agentGit.run("add", path);
        live.agentGit.run("commit", "-q", "-m", subject);
        return live.headCheckpoint().orElseThrow(() -> new AssertionError(workspace.headMessage()));
    }

    private ClaudeSession session() {
        sessions++;
        return new ClaudeSession(workspace, String.format("00000000-0000-4000-8000-%012d", sessions));
    }

    /** Every checkpoint explain shows for the revision, in the order shown. */
    private List<String> explained(String revision) {
        CliRun explain = live.run("explain", revision, "--json");
        assertThat(explain.exitCode()).as(explain.err()).isZero();
        JsonObject json = parse(explain.out());
        List<String> ids = new ArrayList<>(List.of(json.findString("checkpoint_id").orElseThrow()));
        for (JsonValue other : json.findArray("other_explanations").map(JsonArray::elements).orElse(List.of())) {
            ids.add(((JsonObject) other).findString("checkpoint_id").orElseThrow());
        }
        return ids;
    }

    private static JsonObject parse(String json) {
        return new JsonReader().parseObject(json.getBytes(StandardCharsets.UTF_8));
    }
}
