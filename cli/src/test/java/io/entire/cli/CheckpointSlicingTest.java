package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every checkpoint holds exactly the transcript part since the previous checkpoint of its session: its start line,
 * its prompts and its tokens, in each way a session meets commits. Each assistant message of {@link ClaudeSession}
 * counts 100 input and 20 output tokens, so a part's totals name the messages it holds.
 */
class CheckpointSlicingTest {
    @TempDir
    Path temp;
    Sandbox workspace;
    LiveCapture live;
    ClaudeSession session;

    @BeforeEach
    void setUp() throws IOException {
        live = LiveCapture.enabledWithReadme(temp.resolve("work"));
        workspace = live.workspace;
        session = new ClaudeSession(workspace, Sandbox.SESSION_A);
    }

    @Test
    void aPrintRunResumedAfterItsCommitStartsWhereTheFirstCheckpointEnded() {
        printRun("Write a", "a.txt");
        String first = commit("a.txt");
        printRun("Write b", "b.txt");   // claude -p --resume: same session id, same transcript, appended
        String second = commit("b.txt");

        assertSlice(first, 0, 4, 2, "Write a");
        assertSlice(second, 4, 8, 2, "Write b");
    }

    @Test
    void anInteractiveSessionExitedAfterItsCommitAndResumedStartsWhereTheFirstCheckpointEnded() {
        turn("Write a", "a.txt");
        String first = commit("a.txt");
        assertThat(session.end().exitCode()).isZero();   // /exit
        session.start();
        turn("Write b", "b.txt");
        String second = commit("b.txt");

        assertSlice(first, 0, 4, 2, "Write a");
        assertSlice(second, 4, 8, 2, "Write b");
    }

    @Test
    void aCheckpointAfterAFinalizedOneStartsAtTheEndOfTheFinalizedTurn() {
        session.prompt("Write and commit the lexer").write("lexer.txt", "lex\n");
        String first = agentCommit("lexer.txt");
        session.say("Committed the lexer.");
        assertThat(session.stop().exitCode()).isZero();   // finalizes the first checkpoint with the whole turn
        turn("Write the parser", "parser.txt");
        String second = commit("parser.txt");

        assertSlice(first, 0, 4, 2, "Write and commit the lexer");
        assertSlice(second, 4, 8, 2, "Write the parser");
    }

    @Test
    void severalCommitsInOneTurnEachHoldTheirOwnPart() {
        session.prompt("Write and commit a and b").write("a.txt", "a\n");
        String first = agentCommit("a.txt");
        session.write("b.txt", "b\n");
        String second = agentCommit("b.txt");
        session.say("Committed both.");
        assertThat(session.stop().exitCode()).isZero();
        turn("Write c", "c.txt");
        String third = commit("c.txt");

        assertSlice(first, 0, 3, 1, "Write and commit a and b");
        assertSlice(second, 3, 6, 2, "");
        assertSlice(third, 6, 10, 2, "Write c");
    }

    @Test
    void workCarriedForwardToALaterCommitKeepsItsPrompts() {
        session.prompt("Write a and b").write("a.txt", "a\n").write("b.txt", "b\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();
        String first = commit("a.txt");
        String second = commit("b.txt");

        assertSlice(first, 0, 6, 3, "Write a and b");
        assertThat(live.checkpointJson(second, "0/metadata.json").strings("files_touched")).containsExactly("b.txt");
        assertThat(live.checkpointFile(second, "0/prompt.txt")).isEqualTo("Write a and b");
    }

    /** A {@code claude -p} run: its session starts, one turn writes a file, the session ends. */
    private void printRun(String prompt, String file) {
        assertThat(session.start().exitCode()).isZero();
        turn(prompt, file);
        assertThat(session.end().exitCode()).isZero();
    }

    /** One turn: the prompt, a Write of {@code file}, a closing message (4 transcript lines, 2 API calls). */
    private void turn(String prompt, String file) {
        session.prompt(prompt).write(file, file + "\n").say("Wrote " + file + ".");
        assertThat(session.stop().exitCode()).isZero();
    }

    /** The person commits one file from a script; returns the checkpoint it was linked to. */
    private String commit(String file) {
        live.userGit.run("add", file);
        live.userGit.run("commit", "-q", "-m", "Add " + file);
        return live.headCheckpoint().orElseThrow(() -> new AssertionError("commit of " + file + " not linked"));
    }

    /** The agent commits one file in the middle of its turn. */
    private String agentCommit(String file) {
        live.agentGit.run("add", file);
        live.agentGit.run("commit", "-q", "-m", "Add " + file);
        return live.headCheckpoint().orElseThrow(() -> new AssertionError("commit of " + file + " not linked"));
    }

    private void assertSlice(String checkpoint, long start, long end, long apiCalls, String prompts) {
        JsonObject metadata = live.checkpointJson(checkpoint, "0/metadata.json");
        String what = "checkpoint " + checkpoint + " " + metadata;
        assertThat(metadata.findLong("checkpoint_transcript_start").orElse(0L)).as(what).isEqualTo(start);
        assertThat(live.checkpointFile(checkpoint, "0/full.jsonl").lines()).as(what).hasSize((int) end);
        JsonObject tokens = metadata.findObject("token_usage").orElseThrow();
        assertThat(tokens.findLong("api_call_count")).as(what).contains(apiCalls);
        assertThat(tokens.findLong("input_tokens")).as(what).contains(100 * apiCalls);
        assertThat(tokens.findLong("output_tokens")).as(what).contains(20 * apiCalls);
        List<String> files = live.checkpointFiles(checkpoint);
        if (prompts.isEmpty()) {
            assertThat(files).as(what).doesNotContain("0/prompt.txt");
        } else {
            assertThat(live.checkpointFile(checkpoint, "0/prompt.txt")).as(what).isEqualTo(prompts);
        }
    }
}
