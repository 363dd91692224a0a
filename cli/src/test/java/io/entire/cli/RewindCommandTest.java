package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.agent.claudecode.ClaudeTranscriptLocator;
import io.entire.core.git.Git;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code entire rewind} over real repositories whose hooks recorded three steps of one session: a file created by the
 * agent's Write tool, one edited and one deleted through its shell, and a file the person had before the session.
 */
class RewindCommandTest {
    @TempDir
    Path temp;
    Sandbox workspace;
    LiveCapture live;
    ClaudeSession session;
    /** The transcript's length at the end of each step, step 1 first. */
    long[] transcriptLines = new long[3];
    /** The transcript's content at the end of each step, step 1 first. */
    String[] transcripts = new String[3];

    @BeforeEach
    void setUp() {
        workspace = new Sandbox(temp.resolve("work"));
        workspace.writeFile("README.md", "readme\n");
        workspace.writeFile("src/parser.txt", "parse\n");
        workspace.writeFile("old.txt", "old\n");
        workspace.git.run("add", ".");
        workspace.commit("initial");
        live = new LiveCapture(workspace);
        live.enable();
        workspace.writeFile("notes.txt", "my own notes\n");
        session = new ClaudeSession(workspace, Sandbox.SESSION_A);

        session.prompt("Write a lexer").write("src/lexer.txt", "lex\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();
        transcriptLines[0] = session.lines();
        transcripts[0] = transcript();
        session.prompt("Improve the parser")
                .bash("sed -i 's/parse/parse better/' src/parser.txt", () -> workspace.writeFile("src/parser.txt", "parse better\n"))
                .say("Done.");
        assertThat(session.stop().exitCode()).isZero();
        transcriptLines[1] = session.lines();
        transcripts[1] = transcript();
        session.prompt("Drop old.txt, finish the lexer")
                .bash("rm old.txt && echo 'lex more' >> src/lexer.txt", () -> {
                    workspace.deleteFile("old.txt");
                    workspace.writeFile("src/lexer.txt", "lex\nlex more\n");
                })
                .say("Done.");
        assertThat(session.stop().exitCode()).isZero();
        transcriptLines[2] = session.lines();
        transcripts[2] = transcript();
    }

    @Test
    void listsTheThreeStepsNewestFirst() {
        List<JsonObject> points = points();

        assertThat(points).hasSize(3);
        assertThat(points).extracting(point -> point.findString("kind").orElseThrow()).containsOnly("step");
        assertThat(points).extracting(point -> point.findString("session_id").orElseThrow())
                .containsOnly(Sandbox.SESSION_A);
        assertThat(points.get(0).findString("label").orElseThrow()).contains("Drop old.txt");
        assertThat(points.get(2).findString("label").orElseThrow()).contains("Write a lexer");
        CliRun text = live.run("rewind", "--list");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains(points.get(1).findString("id").orElseThrow(), "Improve the parser");
    }

    @Test
    void rewindsToEachStepAndBackKeepingThePersonsOwnFile() {
        List<String> ids = points().stream().map(point -> point.findString("id").orElseThrow()).toList();
        String step3 = ids.get(0);
        String step2 = ids.get(1);
        String step1 = ids.get(2);

        rewind(step1);
        assertThat(workspace.readFile("src/lexer.txt")).isEqualTo("lex\n");
        assertThat(workspace.readFile("src/parser.txt")).isEqualTo("parse\n");
        assertThat(workspace.readFile("old.txt")).isEqualTo("old\n");
        assertThat(transcript()).isEqualTo(transcripts[0]);

        rewind(step3);
        assertThat(workspace.readFile("src/lexer.txt")).isEqualTo("lex\nlex more\n");
        assertThat(workspace.readFile("src/parser.txt")).isEqualTo("parse better\n");
        assertThat(workspace.repo.resolve("old.txt")).doesNotExist();
        assertThat(transcript()).as("the cut transcript comes back whole").isEqualTo(transcripts[2]);

        rewind(step2);
        assertThat(workspace.readFile("src/lexer.txt")).isEqualTo("lex\n");
        assertThat(workspace.readFile("src/parser.txt")).isEqualTo("parse better\n");
        assertThat(workspace.readFile("old.txt")).isEqualTo("old\n");
        assertThat(transcript()).isEqualTo(transcripts[1]);
        assertThat(lastLine()).as("the transcript ends where the step's turn ended").contains("Done.");

        assertThat(workspace.readFile("notes.txt")).as("the person's file from before the session").isEqualTo("my own notes\n");
        assertThat(workspace.readFile("README.md")).isEqualTo("readme\n");
        assertThat(workspace.repo.resolve(".entire/settings.json")).exists();
    }

    @Test
    void rewindingToTheFirstStepDeletesFilesThatDidNotExistThen() {
        String step1 = points().get(2).findString("id").orElseThrow();
        rewind(step1);
        rewind(points().get(0).findString("id").orElseThrow());

        session.prompt("Add a scanner").write("src/scanner.txt", "scan\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();
        rewind(step1);

        assertThat(workspace.repo.resolve("src/scanner.txt")).as("created after step 1").doesNotExist();
        assertThat(workspace.readFile("src/lexer.txt")).isEqualTo("lex\n");
    }

    @Test
    void aStepRecordedAfterARewindHoldsTheWorkTreeAsTheRewindLeftIt() {
        rewind(points().get(2).findString("id").orElseThrow());
        session.prompt("Add a scanner").write("src/scanner.txt", "scan\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();
        String afterRewind = points().get(0).findString("id").orElseThrow();
        rewind(points().get(points().size() - 1).findString("id").orElseThrow());

        rewind(afterRewind);

        assertThat(workspace.readFile("src/scanner.txt")).isEqualTo("scan\n");
        assertThat(workspace.readFile("src/lexer.txt")).as("as step 1 had it, which the new step started from").isEqualTo("lex\n");
        assertThat(workspace.readFile("src/parser.txt")).isEqualTo("parse\n");
        assertThat(workspace.readFile("old.txt")).isEqualTo("old\n");
    }

    @Test
    void aFileThePersonHadBeforeTheSessionIsNeverDeletedEvenWhenALaterStepChangedIt() {
        workspace.writeFile("draft.txt", "draft\n");
        session = new ClaudeSession(workspace, Sandbox.SESSION_B);
        session.prompt("Look around").write("src/b.txt", "b\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();
        String first = points().get(0).findString("id").orElseThrow();
        session.prompt("Finish the draft").bash("echo more >> draft.txt", () -> workspace.writeFile("draft.txt", "draft\nmore\n"))
                .say("Done.");
        assertThat(session.stop().exitCode()).isZero();

        rewind(first);

        assertThat(workspace.readFile("draft.txt")).as("kept as it is: what it held before the session was never recorded")
                .isEqualTo("draft\nmore\n");
        assertThat(workspace.readFile("src/b.txt")).isEqualTo("b\n");
    }

    @Test
    void aStepAsTheGoToolWritesItBringsBackTheTranscriptItHolds() throws IOException {
        String step1 = points().get(2).findString("commit").orElseThrow();
        String shadow = "refs/heads/" + live.shadowBranches().get(0);
        String tip = workspace.git.run("rev-parse", shadow).text().strip();
        String folder = ".entire/metadata/" + Sandbox.SESSION_A + "/";
        Git scratch = new Git(workspace.repo, Map.of("GIT_INDEX_FILE", temp.resolve("go.index").toString()));
        scratch.run("read-tree", step1);
        scratch.run("rm", "--cached", "-q", folder + "metadata.json");
        String blob = scratch.run(List.of("hash-object", "-w", "--stdin"),
                transcripts[0].getBytes(StandardCharsets.UTF_8)).text().strip();
        scratch.run("update-index", "--add", "--cacheinfo", "100644," + blob + "," + folder + "full.jsonl");
        String tree = scratch.run("write-tree").text().strip();
        String goStep = scratch.run("commit-tree", tree, "-p", tip, "-m", "Write a lexer\n\nEntire-Session: "
                + Sandbox.SESSION_A + "\nEntire-Metadata: " + folder + "\nEntire-Strategy: manual-commit").text()
                .strip();
        workspace.git.run("update-ref", shadow, goStep, tip);

        rewind(goStep.substring(0, 7));

        assertThat(workspace.readFile("src/lexer.txt")).isEqualTo("lex\n");
        assertThat(workspace.readFile("src/parser.txt")).isEqualTo("parse\n");
        assertThat(workspace.readFile("old.txt")).isEqualTo("old\n");
        assertThat(transcript()).isEqualTo(transcripts[0]);
    }

    @Test
    void jsonTellsWhatTheRewindChanged() {
        String step1 = points().get(2).findString("id").orElseThrow();

        CliRun run = live.run("rewind", "--to", step1, "--yes", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonObject result = new JsonReader().parseObject(run.out().getBytes(StandardCharsets.UTF_8));
        assertThat(result.findString("point")).contains(step1);
        assertThat(result.findString("kind")).contains("step");
        List<String> files = ((JsonArray) result.member("files")).elements().stream()
                .map(file -> ((JsonObject) file).findString("action").orElseThrow() + " "
                        + ((JsonObject) file).findString("path").orElseThrow()).toList();
        assertThat(files).containsExactlyInAnyOrder("create old.txt", "modify src/lexer.txt", "modify src/parser.txt");
        JsonObject transcript = (JsonObject) ((JsonArray) result.member("transcripts")).elements().get(0);
        assertThat(transcript.findString("session_id")).contains(Sandbox.SESSION_A);
        assertThat(transcript.findString("outcome")).contains("written");
        assertThat(transcript.findString("resume_command")).contains("claude -r " + Sandbox.SESSION_A);
    }

    @Test
    void worksFromASubdirectory() throws IOException {
        String step1 = points().get(2).findString("id").orElseThrow();
        Path src = workspace.repo.resolve("src");

        CliRun run = CliRun.run(src, live.env(), "rewind", "--to", step1, "--yes");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(workspace.readFile("src/lexer.txt")).isEqualTo("lex\n");
        assertThat(workspace.readFile("old.txt")).isEqualTo("old\n");
        assertThat(run.out()).contains("src/parser.txt");
    }

    @Test
    void withoutATerminalAndWithoutYesItRefusesAndChangesNothing() {
        String step1 = points().get(2).findString("id").orElseThrow();

        CliRun run = live.run("rewind", "--to", step1);

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err().strip()).contains("--yes").doesNotContain("\n");
        assertThat(run.out()).as("the preview is shown").contains("src/parser.txt");
        assertThat(workspace.readFile("src/parser.txt")).isEqualTo("parse better\n");
        assertThat(session.lines()).isEqualTo(transcriptLines[2]);
    }

    @Test
    void onATerminalItShowsWhatWillChangeAndAsksFirst() throws IOException, InterruptedException {
        String step1 = points().get(2).findString("id").orElseThrow();

        String declined = workspace.onTerminal("n", "rewind", "--to", step1);

        assertThat(declined).contains("restore src/parser.txt", "create  old.txt", "Rewind? [y/N]", "Nothing changed");
        assertThat(workspace.readFile("src/parser.txt")).isEqualTo("parse better\n");
        assertThat(workspace.repo.resolve("old.txt")).doesNotExist();

        String accepted = workspace.onTerminal("y", "rewind", "--to", step1);

        assertThat(accepted).contains("Rewound to step " + step1, "claude -r " + Sandbox.SESSION_A);
        assertThat(workspace.readFile("src/parser.txt")).isEqualTo("parse\n");
        assertThat(workspace.readFile("old.txt")).isEqualTo("old\n");
    }

    @Test
    void anUnknownPointIsOneLineAndExitOne() {
        CliRun unknown = live.run("rewind", "--to", "abcdef0", "--yes");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(unknown.err().strip()).contains("abcdef0").doesNotContain("\n");

        CliRun invalid = live.run("rewind", "--to", "not a point", "--yes");
        assertThat(invalid.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(invalid.err().strip()).contains("not a point").doesNotContain("\n");
        assertThat(workspace.readFile("src/lexer.txt")).isEqualTo("lex\nlex more\n");
    }

    @Test
    void aChangeNoStepRecordedIsNeverOverwritten() {
        workspace.writeFile("src/parser.txt", "parse, edited by hand\n");
        String step1 = points().get(2).findString("id").orElseThrow();

        CliRun run = live.run("rewind", "--to", step1, "--yes");

        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(run.err().strip()).contains("src/parser.txt").doesNotContain("\n");
        assertThat(workspace.readFile("src/parser.txt")).isEqualTo("parse, edited by hand\n");
        assertThat(workspace.readFile("src/lexer.txt")).as("nothing else was written either").isEqualTo("lex\nlex more\n");
        assertThat(session.lines()).isEqualTo(transcriptLines[2]);
    }

    @Test
    void aStepWhoseObjectsAreMissingIsOneLineAndNothingIsWritten() throws IOException {
        String step1 = points().get(2).findString("id").orElseThrow();
        String blob = workspace.git.run("rev-parse", "HEAD:src/parser.txt").text().strip();
        Files.delete(workspace.repo.resolve(".git/objects/" + blob.substring(0, 2) + "/" + blob.substring(2)));

        CliRun run = live.run("rewind", "--to", step1, "--yes");

        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(run.err().strip()).contains(blob).doesNotContain("\n");
        assertThat(workspace.readFile("src/lexer.txt")).isEqualTo("lex\nlex more\n");
        assertThat(session.lines()).isEqualTo(transcriptLines[2]);
    }

    @Test
    void aCommittedPointRestoresTheSessionLogAndResetMovesTheBranchPrintingTheUndo() throws IOException {
        live.userGit.run("add", "-A", "src");
        live.userGit.run("commit", "-q", "-am", "Lexer and parser");
        String checkpoint = live.headCheckpoint().orElseThrow(() -> new AssertionError("the commit is linked"));
        String linked = workspace.head().strip();
        live.userGit.run("commit", "-q", "--allow-empty", "-m", "Later work");
        String later = workspace.head().strip();
        Files.writeString(session.transcript, "{\"type\":\"user\",\"note\":\"a newer conversation\"}\n");

        List<JsonObject> points = points();
        assertThat(points).extracting(point -> point.findString("kind").orElseThrow()).containsExactly("commit");
        assertThat(points.get(0).findString("id")).contains(checkpoint);

        CliRun logs = live.run("rewind", "--to", checkpoint, "--logs-only", "--yes");
        assertThat(logs.exitCode()).as(logs.err()).isZero();
        assertThat(session.lines()).as("the checkpoint's transcript is back").isEqualTo(transcriptLines[2]);
        assertThat(workspace.head().strip()).as("--logs-only moves nothing").isEqualTo(later);

        CliRun reset = live.run("rewind", "--to", checkpoint, "--reset", "--yes");
        assertThat(reset.exitCode()).as(reset.err()).isZero();
        assertThat(workspace.head().strip()).isEqualTo(linked);
        assertThat(reset.out()).contains("git reset --keep " + later);
        assertThat(workspace.readFile("notes.txt")).isEqualTo("my own notes\n");
    }

    @Test
    void aCommittedPointPutsACodexRolloutBackWhereCodexKeepsIt() throws IOException {
        CodexRecording codex = new CodexRecording(workspace, live).runFirstTurn();
        live.userGit.run("add", "greeting.txt");
        live.userGit.run("commit", "-q", "-m", "Add a greeting");
        String checkpoint = live.headCheckpoint().orElseThrow(() -> new AssertionError("the commit is linked"));
        byte[] committed = Files.readAllBytes(codex.rollout());
        Files.writeString(codex.rollout(), "{\"type\":\"event_msg\",\"note\":\"a newer conversation\"}\n",
                StandardOpenOption.APPEND);

        CliRun run = live.run("rewind", "--to", checkpoint, "--logs-only", "--yes");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("codex resume " + CodexRecording.SESSION_ID);
        assertThat(CodexRecording.findRollout(workspace)).contains(codex.rollout());
        assertThat(Files.readAllBytes(codex.rollout())).as("the checkpoint's rollout").isEqualTo(committed);
        assertThat(workspace.claudeConfig.resolve("projects").resolve(ClaudeTranscriptLocator.sanitize(
                workspace.repo.toRealPath())).resolve(CodexRecording.SESSION_ID + ".jsonl")).doesNotExist();
    }

    @Test
    void aStepOfASessionInTheMiddleOfATurnIsRefused() {
        String step1 = points().get(2).findString("id").orElseThrow();
        session.prompt("Keep going").write("src/lexer.txt", "lex, half written\n");

        CliRun run = live.run("rewind", "--to", step1, "--yes");

        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(run.err().strip()).contains(Sandbox.SESSION_A, "turn").doesNotContain("\n");
        assertThat(workspace.readFile("src/lexer.txt")).isEqualTo("lex, half written\n");
    }

    @Test
    void resetWithTrackedChangesIsRefusedAndNothingMoves() {
        live.userGit.run("add", "-A", "src");
        live.userGit.run("commit", "-q", "-am", "Lexer and parser");
        String checkpoint = live.headCheckpoint().orElseThrow(() -> new AssertionError("the commit is linked"));
        live.userGit.run("commit", "-q", "--allow-empty", "-m", "Later work");
        String later = workspace.head().strip();
        workspace.writeFile("README.md", "edited, not committed\n");

        CliRun run = live.run("rewind", "--to", checkpoint, "--reset", "--yes");

        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(run.err().strip()).contains("README.md").doesNotContain("\n");
        assertThat(workspace.head().strip()).isEqualTo(later);
        assertThat(session.lines()).as("not even the transcript was written").isEqualTo(transcriptLines[2]);
    }

    @Test
    void aCommittedPointWhoseCheckpointIsNotStoredIsOneLineAndNothingMoves() {
        // Without hooks: with them, post-commit would store the session under the id the message names.
        workspace.git.run("-c", "core.hooksPath=/dev/null", "commit", "-q", "--allow-empty", "-m",
                "Orphan\n\nEntire-Checkpoint: 0123456789ab");
        String head = workspace.head().strip();

        CliRun run = live.run("rewind", "--to", "0123456789ab", "--reset", "--yes");

        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(run.err().strip()).contains("0123456789ab").doesNotContain("\n");
        assertThat(workspace.head().strip()).isEqualTo(head);
    }


    private void rewind(String point) {
        CliRun run = live.run("rewind", "--to", point, "--yes");
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    private List<JsonObject> points() {
        CliRun run = live.run("rewind", "--list", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonValue parsed = new JsonReader().parse(run.out().getBytes(StandardCharsets.UTF_8));
        return ((JsonArray) parsed).elements().stream().map(JsonObject.class::cast).toList();
    }

    private String transcript() {
        try {
            return Files.readString(session.transcript);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String lastLine() {
        try {
            List<String> lines = Files.readAllLines(session.transcript);
            return lines.get(lines.size() - 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
