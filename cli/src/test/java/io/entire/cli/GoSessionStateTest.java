package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonValue;
import io.entire.core.json.JsonWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session the Go tool started (its state file, its shadow branch) that this program's hooks take over: the work
 * of both is linked to the commit in one checkpoint, and what the Go tool wrote into the state file stays; and the
 * reverse, a session of ours the Go tool reads and saves.
 */
class GoSessionStateTest {
    /** The JSON names of the Go tool's session state fields (session/state.go). */
    private static final Set<String> GO_STATE_FIELDS = Set.of("session_id", "cli_version", "base_commit",
            "attribution_base_commit", "worktree_path", "worktree_id", "started_at", "ended_at", "phase", "turn_id",
            "turn_checkpoint_ids", "last_interaction_time", "checkpoint_count", "checkpoint_transcript_start",
            "condensed_transcript_lines", "untracked_files_at_start", "files_touched", "last_checkpoint_id",
            "agent_type", "token_usage", "transcript_lines_at_start", "transcript_identifier_at_start",
            "transcript_path", "first_prompt", "prompt_attributions", "pending_prompt_attribution",
            "checkpoint_number", "user_lines_added", "user_lines_removed", "agent_lines_added", "agent_lines_removed",
            "user_added_per_file");

    @TempDir
    Path temp;
    Sandbox workspace;
    LiveCapture live;

    @BeforeEach
    void setUp() throws IOException {
        live = LiveCapture.enabledWithReadme(temp.resolve("work"));
        workspace = live.workspace;
    }

    @Test
    void aSessionTheGoToolStartedIsCondensedByOurHooksIntoTheLinkedCommit() throws IOException {
        ClaudeSession session = new ClaudeSession(workspace, Sandbox.SESSION_A);
        session.write("src/go.txt", "written under the Go tool\n").say("Done.");
        goStopped(session, "src/go.txt");

        session.prompt("Now the docs").write("docs.md", "docs\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();
        live.userGit.run("add", "src/go.txt", "docs.md");
        live.userGit.run("commit", "-q", "-m", "Go and docs");

        String id = live.headCheckpoint().orElseThrow(() -> new AssertionError(workspace.headMessage()));
        assertThat(live.checkpointJson(id, "0/metadata.json").strings("files_touched"))
                .containsExactly("docs.md", "src/go.txt");
        assertThat(live.checkpointFile(id, "0/full.jsonl")).contains("written under the Go tool", "Now the docs");
        assertThat(live.shadowBranches()).as("the Go tool's shadow branch is done with").isEmpty();
        JsonObject state = live.sessionState(Sandbox.SESSION_A);
        assertThat(state.findString("turn_id")).as("the Go tool's own keys stay").contains("0f1e2d3c");
        assertThat(state.findString("cli_version")).contains("0.4.2");
        assertThat(state.findLong("checkpoint_count")).contains(0L);
        assertThat(state.findString("last_checkpoint_id")).contains(id);
    }

    @Test
    void aGoSessionBetweenTurnsIsLinkedWhenTheUserCommitsItsWork() throws IOException {
        ClaudeSession session = new ClaudeSession(workspace, Sandbox.SESSION_A);
        session.write("src/go.txt", "written under the Go tool\n").say("Done.");
        goStopped(session, "src/go.txt");

        live.userGit.run("add", "src/go.txt");
        live.userGit.run("commit", "-q", "-m", "Go work");

        String id = live.headCheckpoint().orElseThrow(() -> new AssertionError(workspace.headMessage()));
        assertThat(live.checkpointJson(id, "0/metadata.json").strings("files_touched")).containsExactly("src/go.txt");
        assertThat(live.checkpointJson(id, "0/metadata.json").findString("agent")).contains("Claude Code");
        assertThat(live.run("status").out()).doesNotContain("unreadable");
    }

    /**
     * The reverse hand-over: a session this program started, read by the Go tool (its field names and types only)
     * and saved by it (every key it does not know dropped), is still condensed by our hooks into one checkpoint.
     */
    @Test
    void ourSessionReadAndSavedByTheGoToolIsCondensedIntoOneCheckpoint() throws IOException {
        String head = workspace.head().strip();
        ClaudeSession session = new ClaudeSession(workspace, Sandbox.SESSION_A);
        session.start();
        session.prompt("Write a").write("src/a.txt", "a\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();

        JsonObject goView = goFieldsOnly(live.sessionState(Sandbox.SESSION_A));
        assertThat(goView.findString("session_id")).contains(Sandbox.SESSION_A);
        assertThat(goView.findString("base_commit")).contains(head);
        assertThat(goView.findString("agent_type")).contains("Claude Code");
        assertThat(goView.findString("phase")).contains("idle");
        assertThat(goView.findLong("checkpoint_count")).as("the Go tool sees the step").contains(1L);
        assertThat(goView.strings("files_touched")).containsExactly("src/a.txt");
        assertThat(goView.findString("transcript_path")).contains(session.transcript.toString());
        Files.write(workspace.repo.resolve(".git/entire-sessions/" + Sandbox.SESSION_A + ".json"),
                JsonWriter.pretty(goView));

        session.prompt("Now b").write("src/b.txt", "b\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();
        live.userGit.run("add", "src/a.txt", "src/b.txt");
        live.userGit.run("commit", "-q", "-m", "a and b");

        String id = live.headCheckpoint().orElseThrow(() -> new AssertionError(workspace.headMessage()));
        assertThat(live.checkpointJson(id, "metadata.json").member("sessions").elements()).hasSize(1);
        assertThat(live.checkpointJson(id, "0/metadata.json").strings("files_touched"))
                .containsExactly("src/a.txt", "src/b.txt");
        assertThat(live.checkpointFile(id, "0/full.jsonl")).contains("Write a", "Now b");
        assertThat(live.checkpointFile(id, "0/prompt.txt")).contains("Now b");
        assertThat(live.shadowBranches()).isEmpty();
    }

    /** What the Go tool's session state reader keeps of a state file: the fields of its session/state.go. */
    private static JsonObject goFieldsOnly(JsonObject state) {
        Map<String, JsonValue> kept = new LinkedHashMap<>();
        state.members().forEach((key, value) -> {
            if (GO_STATE_FIELDS.contains(key)) {
                kept.put(key, value);
            }
        });
        return new JsonObject(kept);
    }

    /**
     * What the Go tool leaves after its stop hook recorded one step: its shadow branch on HEAD with the file, and a
     * state file with its field names only (session/state.go).
     */
    private void goStopped(ClaudeSession session, String file) throws IOException {
        String head = workspace.head();
        workspace.git.run("add", file);
        String tree = workspace.git.run("write-tree").text().strip();
        workspace.git.run("reset", "-q");
        String step = workspace.git.run("commit-tree", tree, "-p", head, "-m", "Write " + file
                + "\n\nEntire-Session: " + session.id + "\nEntire-Metadata: .entire/metadata/" + session.id
                + "\nEntire-Strategy: manual-commit").text().strip();
        workspace.git.run("update-ref", "refs/heads/entire/" + head.substring(0, 7) + "-e3b0c4", step);
        Path states = workspace.repo.resolve(".git/entire-sessions");
        Files.createDirectories(states);
        Files.writeString(states.resolve(session.id + ".json"), """
                {
                  "session_id": "%s",
                  "cli_version": "0.4.2",
                  "base_commit": "%s",
                  "attribution_base_commit": "%s",
                  "worktree_path": "%s",
                  "started_at": "2026-02-06T06:12:45.809123456+01:00",
                  "phase": "idle",
                  "turn_id": "0f1e2d3c",
                  "last_interaction_time": "2026-02-06T05:20:00.5Z",
                  "checkpoint_count": 1,
                  "files_touched": ["%s"],
                  "agent_type": "Claude Code",
                  "transcript_path": "%s",
                  "first_prompt": "Write %s"
                }
                """.formatted(session.id, head, head, workspace.repo, file, session.transcript, file));
    }
}
