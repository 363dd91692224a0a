package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shadow branches shared with the Go tool (FORMATS.md 8): its rewind lists and restores the steps our hooks record,
 * ours lists and restores the steps it records, and a session that changes hands keeps both tools' steps on one
 * branch, each restorable.
 */
class GoShadowBranchTest {
    private static final String FOLDER = ".entire/metadata/" + Sandbox.SESSION_A;

    @TempDir
    Path temp;
    Sandbox workspace;
    LiveCapture live;
    ClaudeSession session;

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
    }

    @Test
    void theGoToolsRewindListsOurStepsAndRestoresTheirFiles() {
        session.prompt("Can you write a lexer?").write("src/lexer.txt", "lex\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();
        long firstStepLines = session.lines();
        session.prompt("Please improve the parser")
                .bash("sed -i 's/parse/parse better/' src/parser.txt", () -> workspace.writeFile("src/parser.txt", "parse better\n"))
                .say("Done.");
        assertThat(session.stop().exitCode()).isZero();

        String tip = "refs/heads/" + live.shadowBranches().get(0);
        assertThat(workspace.git.run("show", "-s", "--format=%B", tip).text().strip()).isEqualTo("""
                Improve the parser

                Entire-Metadata: %s
                Entire-Session: %s
                Entire-Strategy: manual-commit""".formatted(FOLDER, Sandbox.SESSION_A));
        List<GoRewind.Point> points = new GoRewind(workspace).list();
        assertThat(points).extracting(GoRewind.Point::message).containsExactly("Improve the parser", "Write a lexer");
        assertThat(points).extracting(GoRewind.Point::metadataDir).containsOnly(FOLDER);
        assertThat(points).extracting(GoRewind.Point::sessionPrompt)
                .containsExactly("Please improve the parser", "Can you write a lexer?");

        assertThat(new GoRewind(workspace).rewind(points.get(1)))
                .as("our steps hold the transcript's length, not the transcript (FORMATS.md 8)").isEmpty();

        assertThat(workspace.readFile("src/lexer.txt")).isEqualTo("lex\n");
        assertThat(workspace.readFile("src/parser.txt")).isEqualTo("parse\n");
        assertThat(workspace.readFile("old.txt")).isEqualTo("old\n");
        assertThat(workspace.readFile("notes.txt")).isEqualTo("my own notes\n");
        JsonObject metadata = new JsonReader().parseObject(workspace.git.run("cat-file", "blob",
                points.get(1).commit() + ":" + FOLDER + "/metadata.json").stdout());
        assertThat(metadata.findLong("transcript_lines")).contains(firstStepLines);
        assertThat(metadata.findString("transcript_path")).contains(session.transcript.toString());
    }

    @Test
    void aSecretInThePromptIsRedactedInTheStepsSubjectAndPromptFile() {
        String token = "ghp_" + "R8sXk2pQ7vLm4nTz9wYb3cJd6fHg1aEuK5oN";
        session.prompt("Use " + token + " to fetch it").write("src/fetch.txt", "fetch\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();

        String tip = "refs/heads/" + live.shadowBranches().get(0);
        String subject = workspace.git.run("show", "-s", "--format=%s", tip).text().strip();
        String prompt = workspace.git.run("cat-file", "blob", tip + ":" + FOLDER + "/prompt.txt").text();
        assertThat(subject).startsWith("Use ").contains("REDACTED").doesNotContain(token);
        assertThat(prompt).contains("REDACTED").doesNotContain(token);
    }

    @Test
    void ourRewindListsAndRestoresTheGoToolsSteps() {
        GoShadowSteps go = new GoShadowSteps(workspace, Sandbox.SESSION_A, temp.resolve("go.index"));
        session.typed("Can you write a lexer?").write("src/lexer.txt", "lex\n").say("Done.");
        String first = go.step("Write a lexer", "Can you write a lexer?", "Done.", session.transcript,
                List.of("src/lexer.txt"));
        String firstTranscript = transcript();
        session.typed("Drop old.txt").bash("rm old.txt", () -> workspace.deleteFile("old.txt")).say("Removed.");
        String second = go.step("Drop old.txt", "Drop old.txt", "Removed.", session.transcript, List.of("old.txt"));
        String secondTranscript = transcript();
        go.writeState(session.transcript, List.of("notes.txt"), 2, List.of("src/lexer.txt", "old.txt"));

        List<JsonObject> points = points();
        assertThat(points).extracting(point -> point.findString("commit").orElseThrow()).containsExactly(second,
                first);
        assertThat(points).extracting(point -> point.findString("label").orElseThrow())
                .containsExactly("Drop old.txt", "Write a lexer");
        assertThat(points).extracting(point -> point.findString("session_id").orElseThrow())
                .containsOnly(Sandbox.SESSION_A);
        assertThat(points).allMatch(point -> point.findString("created_at").isPresent());
        workspace.writeFile("README.md", "readme, edited by hand\n");

        rewind(first);
        assertThat(workspace.readFile("src/lexer.txt")).isEqualTo("lex\n");
        assertThat(workspace.readFile("old.txt")).isEqualTo("old\n");
        assertThat(workspace.readFile("notes.txt")).isEqualTo("my own notes\n");
        assertThat(transcript()).isEqualTo(firstTranscript);

        rewind(second);
        assertThat(workspace.repo.resolve("old.txt")).doesNotExist();
        assertThat(workspace.readFile("src/lexer.txt")).isEqualTo("lex\n");
        assertThat(workspace.readFile("README.md")).as("no step changed it: the first step's tree is HEAD's plus the turn's files")
                .isEqualTo("readme, edited by hand\n");
        assertThat(transcript()).isEqualTo(secondTranscript);
    }

    @Test
    void aSessionTheGoToolStartedAndWeContinuedRewindsToEitherToolsSteps() {
        GoShadowSteps go = new GoShadowSteps(workspace, Sandbox.SESSION_A, temp.resolve("go.index"));
        session.typed("Can you write a lexer?").write("src/lexer.txt", "lex\n").say("Done.");
        String goStep = go.step("Write a lexer", "Can you write a lexer?", "Done.", session.transcript,
                List.of("src/lexer.txt"));
        String goTranscript = transcript();
        go.writeState(session.transcript, List.of("notes.txt"), 1, List.of("src/lexer.txt"));

        session.prompt("Add a scanner").write("src/scanner.txt", "scan\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();
        String ourTranscript = transcript();

        assertThat(live.shadowBranches()).as("one branch: the Go tool's, continued").hasSize(1);
        List<JsonObject> points = points();
        assertThat(points).extracting(point -> point.findString("label").orElseThrow())
                .containsExactly("Add a scanner", "Write a lexer");
        String ourStep = points.get(0).findString("commit").orElseThrow();
        assertThat(workspace.git.run("ls-tree", "--name-only", ourStep + ":" + FOLDER).text().lines())
                .as("our step's folder replaces the Go step's, whose transcript is older")
                .containsExactly("metadata.json", "prompt.txt");
        assertThat(new GoRewind(workspace).list()).extracting(GoRewind.Point::message)
                .containsExactly("Add a scanner", "Write a lexer");

        rewind(goStep);
        assertThat(workspace.repo.resolve("src/scanner.txt")).doesNotExist();
        assertThat(workspace.readFile("src/lexer.txt")).isEqualTo("lex\n");
        assertThat(transcript()).isEqualTo(goTranscript);

        rewind(ourStep);
        assertThat(workspace.readFile("src/scanner.txt")).isEqualTo("scan\n");
        assertThat(workspace.readFile("src/lexer.txt")).isEqualTo("lex\n");
        assertThat(workspace.readFile("notes.txt")).isEqualTo("my own notes\n");
        assertThat(transcript()).isEqualTo(ourTranscript);
    }

    /**
     * The Go tool's subagent tasks (commits with {@code Entire-Metadata-Task}) are points of their own, as its rewind
     * lists them: a finished task brings back the files the subagent left and the transcript up to the task's result
     * (read from its chunks); a step inside a running subagent brings back its files and leaves the transcript, which
     * that commit does not hold, as it is.
     */
    @Test
    void theGoToolsTaskStepsAreTaskPointsCutAtTheTasksResult() {
        GoShadowSteps go = new GoShadowSteps(workspace, Sandbox.SESSION_A, temp.resolve("go.index"));
        session.typed("Can you write a lexer?").write("src/lexer.txt", "lex\n").say("Done.");
        go.step("Write a lexer", "Can you write a lexer?", "Done.", session.transcript, List.of("src/lexer.txt"));
        String[] planned = new String[1];
        session.typed("Explore, then write the scanner").task("Write the scanner", () -> {
            workspace.writeFile("src/todo.txt", "1. scan\n");
            planned[0] = go.incrementalTaskStep("Planning: 1 todos (toolu_task1)", "toolu_task1", 1,
                    List.of("src/todo.txt"));
            workspace.writeFile("src/scanner.txt", "scan\n");
        });
        String finished = go.taskStep("Completed 'general-purpose' agent: Write the scanner (toolu_task1)",
                "toolu_task1", session.lastUuid(), session.transcript, List.of("src/scanner.txt"), 900);
        String atTheResult = transcript();
        session.say("The scanner is written.");
        String last = go.step("Explore, then write the scanner", "Explore, then write the scanner",
                "The scanner is written.", session.transcript, List.of("src/todo.txt", "src/scanner.txt"));
        go.writeState(session.transcript, List.of("notes.txt"), 2, List.of("src/lexer.txt", "src/todo.txt",
                "src/scanner.txt"));
        assertThat(workspace.git.run("ls-tree", "--name-only", finished + ":" + FOLDER).text().lines())
                .as("the Go tool's chunks").contains("full.jsonl", "full.jsonl.001", "full.jsonl.002");

        List<JsonObject> points = points("task");
        assertThat(points).extracting(point -> point.findString("commit").orElseThrow())
                .containsExactly(finished, planned[0]);
        assertThat(points).extracting(point -> point.findString("label").orElseThrow()).containsExactly(
                "Completed 'general-purpose' agent: Write the scanner (toolu_task1)",
                "Planning: 1 todos (toolu_task1)");
        assertThat(points()).extracting(point -> point.findString("commit").orElseThrow()).doesNotContain(finished,
                planned[0]).contains(last);

        rewind(finished);
        assertThat(workspace.readFile("src/scanner.txt")).isEqualTo("scan\n");
        assertThat(workspace.readFile("src/todo.txt")).isEqualTo("1. scan\n");
        assertThat(transcript()).as("up to the task's result, the answer after it cut").isEqualTo(atTheResult);

        CliRun inside = live.run("rewind", "--to", planned[0].substring(0, 12), "--yes");
        assertThat(inside.exitCode()).as(inside.err()).isZero();
        assertThat(inside.err()).contains("transcript of session " + Sandbox.SESSION_A + " stays as it is");
        assertThat(workspace.repo.resolve("src/scanner.txt")).doesNotExist();
        assertThat(workspace.readFile("src/todo.txt")).isEqualTo("1. scan\n");
        assertThat(transcript()).isEqualTo(atTheResult);
    }

    private void rewind(String commit) {
        CliRun run = live.run("rewind", "--to", commit.substring(0, 12), "--yes");
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    private List<JsonObject> points() {
        return points("step");
    }

    private List<JsonObject> points(String kind) {
        CliRun run = live.run("rewind", "--list", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonArray parsed = (JsonArray) new JsonReader().parse(run.out().getBytes(StandardCharsets.UTF_8));
        return parsed.elements().stream().map(JsonObject.class::cast)
                .filter(point -> point.findString("kind").orElseThrow().equals(kind)).toList();
    }

    private String transcript() {
        try {
            return Files.readString(session.transcript);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
