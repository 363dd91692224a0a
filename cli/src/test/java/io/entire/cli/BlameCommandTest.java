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
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code entire blame} on a file a real Claude Code session (the fixture transcript 9d440bfc) edited: its Edit put
 * {@code //nolint:unparam} comments on three parameter lines; a person then reworded one of those comments and added
 * a line of their own before committing, and the session was attached to that commit.
 */
class BlameCommandTest {
    private static final String FILE = "cmd/entire/cli/strategy/messages.go";
    private static final String PROMPT = "mise run lint throws issues.  However, i want the parameters that are being"
            + " complained about retained.  Mark them ignored with inline linter directive comments.";

    @TempDir
    Path temp;
    Sandbox workspace;
    String humanCommit;
    String linkedCommit;

    @BeforeEach
    void commitTheSessionsWork() throws IOException {
        workspace = new Sandbox(temp);
        write("package strategy",
                "",
                "func FormatIncrementalSubject(",
                "\tincrementalType string,",
                "\tsubagentType string,",
                "\ttaskDescription string,",
                ") string {",
                "\treturn \"\"",
                "}");
        workspace.git.run("add", "-A");
        workspace.git.run("commit", "-q", "-m", "Add the subject formatter");
        humanCommit = workspace.head();
        write("package strategy",
                "",
                "// FormatIncrementalSubject keeps every parameter for callers outside this package.",
                "func FormatIncrementalSubject(",
                "\tincrementalType string, //nolint:unparam // kept for API compatibility",
                "\tsubagentType string, //nolint:unparam // kept for API compatibility",
                "\ttaskDescription string, //nolint:unparam // kept for the v1 API",
                ") string {",
                "\treturn \"\"",
                "}");
        workspace.git.run("commit", "-q", "-am", "Keep the unused parameters for the linter");
        workspace.fixtureTranscript(Sandbox.SESSION_B);
        CliRun attach = workspace.run("attach", Sandbox.SESSION_B, "--force");
        assertThat(attach.exitCode()).as(attach.err()).isZero();
        linkedCommit = workspace.head();
    }

    @Test
    void eachLineGetsItsCommitAndAnExactVerdict() {
        CliRun blame = workspace.run("blame", FILE, "--json");

        assertThat(blame.exitCode()).as(blame.err()).isZero();
        JsonObject json = parse(blame.out());
        assertThat(json.findString("file")).contains(FILE);
        List<JsonObject> lines = lines(json);
        assertThat(lines).extracting(line -> line.findString("author").orElseThrow()).containsExactly(
                "human", "human", "human", "human", "agent", "agent", "human_edited", "human", "human", "human");
        assertThat(lines).extracting(line -> line.findString("commit").orElseThrow()).containsExactly(
                humanCommit, humanCommit, linkedCommit, humanCommit, linkedCommit, linkedCommit, linkedCommit,
                humanCommit, humanCommit, humanCommit);
        String checkpoint = workspace.git.run("log", "-1", "--format=%(trailers:key=Entire-Checkpoint,valueonly)")
                .text().strip();
        for (int index : new int[] {4, 5, 6}) {
            JsonObject line = lines.get(index);
            assertThat(line.findString("session_id")).contains(Sandbox.SESSION_B);
            assertThat(line.findString("prompt")).contains(PROMPT);
            assertThat(line.strings("checkpoints")).containsExactly(checkpoint);
        }
        assertThat(lines.get(2).strings("checkpoints")).containsExactly(checkpoint);
        assertThat(lines.get(2).findString("session_id")).isEmpty();
        assertThat(lines.get(0).strings("checkpoints")).isEmpty();
        assertThat(json.findObject("summary").orElseThrow().findLong("agent")).contains(2L);
        assertThat(json.findObject("summary").orElseThrow().findLong("human_edited")).contains(1L);
    }

    @Test
    void aLineChangedAfterTheCommitIsNotCommittedAndARangeLimitsTheLines() throws IOException {
        List<String> content = Files.readAllLines(workspace.repo.resolve(FILE));
        content.set(5, "\tsubagentType string, // still used by the tests");
        Files.write(workspace.repo.resolve(FILE), content);

        CliRun blame = workspace.run("blame", FILE, "-L", "5,6", "--json");

        assertThat(blame.exitCode()).as(blame.err()).isZero();
        assertThat(lines(parse(blame.out()))).extracting(line -> line.findString("author").orElseThrow(),
                line -> line.findLong("line").orElseThrow()).containsExactly(
                org.assertj.core.groups.Tuple.tuple("agent", 5L), org.assertj.core.groups.Tuple.tuple(
                        "not_committed", 6L));
    }

    @Test
    void textOutputNamesThePromptOnce() {
        CliRun blame = CliRun.run(workspace.repo.resolve("cmd/entire"), workspace.env(), "blame",
                "cli/strategy/messages.go");

        assertThat(blame.exitCode()).as(blame.err()).isZero();
        List<String> lines = blame.out().lines().toList();
        assertThat(lines.get(4)).startsWith(linkedCommit.substring(0, 7)).contains("agent", "p1", " 5) \tincremental");
        assertThat(lines.get(6)).contains("human_edited", "p1", "kept for the v1 API");
        assertThat(lines.get(0)).contains("human", " 1) package strategy").doesNotContain("p1");
        assertThat(lines.get(11)).startsWith("p1  session " + Sandbox.SESSION_B + " (Claude Code, checkpoint ")
                .contains("mise run lint throws issues.");
        assertThat(lines).hasSize(12);
    }

    @Test
    void explainSummarizesWhoWroteTheLinesTheLinkedCommitAdded() {
        CliRun explain = workspace.run("explain", "--json");

        assertThat(explain.exitCode()).as(explain.err()).isZero();
        List<JsonValue> attribution = parse(explain.out()).findArray("attribution").orElseThrow().elements();
        assertThat(attribution).hasSize(1);
        JsonObject commit = (JsonObject) attribution.get(0);
        assertThat(commit.findString("commit")).contains(linkedCommit);
        JsonObject file = (JsonObject) commit.findArray("files").orElseThrow().elements().get(0);
        assertThat(file.findString("path")).contains(FILE);
        assertThat(List.of(file.findLong("agent_lines"), file.findLong("human_edited_lines"),
                file.findLong("human_lines"), file.findLong("removed_lines")))
                .containsExactly(Optional.of(2L), Optional.of(1L), Optional.of(1L), Optional.of(3L));
        assertThat(workspace.run("explain").out()).contains("Lines added by commit " + linkedCommit.substring(0, 7),
                FILE + ": 2 agent, 1 human-edited, 1 human; 3 removed");
    }

    @Test
    void badInputIsAClearError() {
        CliRun missing = workspace.run("blame", "no/such/file.go");
        assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.err()).startsWith("entire: cannot blame 'no/such/file.go': ");
        CliRun range = workspace.run("blame", FILE, "-L", "7,3");
        assertThat(range.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(range.err()).contains("-L '7,3' is not a line range");
        CliRun outside = workspace.run("blame", "../elsewhere.go");
        assertThat(outside.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(outside.err()).contains("not a file inside the repository");
    }

    private void write(String... lines) throws IOException {
        Path file = workspace.repo.resolve(FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n");
    }

    private static JsonObject parse(String json) {
        return new JsonReader().parseObject(json.getBytes(StandardCharsets.UTF_8));
    }

    private static List<JsonObject> lines(JsonObject json) {
        List<JsonValue> elements = json.findArray("lines").map(JsonArray::elements).orElseThrow();
        return elements.stream().map(JsonObject.class::cast).toList();
    }
}
