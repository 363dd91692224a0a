package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each git process costs a served post-commit ~2 ms of CPU on machines of two cores, where its threads and processes
 * compete for both: the post-commit of an agent's linked commit starts each kind of process once, and none whose
 * answer it can read without one (the branch). Its checkpoint stays what it was (branch, files, transcript).
 */
class PostCommitProcessesTest {
    @TempDir
    Path temp;
    Sandbox workspace;
    LiveCapture live;
    Path hooks;

    @BeforeEach
    void setUp() throws IOException {
        live = LiveCapture.enabledWithReadme(temp.resolve("work"));
        workspace = live.workspace;
        hooks = workspace.repo.resolve(".git/hooks");
        ClaudeSession session = new ClaudeSession(workspace, Sandbox.SESSION_A);
        session.prompt("Add a lexer and a parser").write("src/lexer.txt", "lex\n").write("src/parser.txt", "parse\n")
                .say("Added both.");
        assertThat(session.stop().exitCode()).isZero();
        // The agent commits with the post-commit hook set aside, which the test then runs traced.
        Files.move(hooks.resolve("post-commit"), temp.resolve("post-commit"));
        live.agentGit.run("add", "src");
        live.agentGit.run("commit", "-q", "-m", "Add a lexer and a parser");
        Files.move(temp.resolve("post-commit"), hooks.resolve("post-commit"));
    }

    @Test
    void theCheckpointIsWrittenWithOneProcessOfEachKindAndNoneForTheBranchName() throws IOException {
        String id = live.headCheckpoint().orElseThrow(() -> new AssertionError("the agent's commit is linked"));
        Path trace = temp.resolve("post-commit.trace");
        Map<String, String> env = new HashMap<>(live.env());
        env.put("GIT_TRACE2_EVENT", trace.toString());

        CliRun run = CliRun.run(workspace.repo, env, "hooks", "git", "post-commit");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonObject metadata = live.checkpointJson(id, "0/metadata.json");
        assertThat(metadata.findString("branch")).isEqualTo(Optional.of("main"));
        assertThat(metadata.strings("files_touched")).containsExactly("src/lexer.txt", "src/parser.txt");
        assertThat(live.checkpointFile(id, "0/full.jsonl")).contains("Add a lexer and a parser");
        List<String> commands = startedCommands(trace);
        assertThat(commands).as("git processes of the post-commit").filteredOn("hash-object"::equals).hasSize(1);
        assertThat(commands).as("git processes of the post-commit").filteredOn("diff-tree"::equals).hasSize(1);
        assertThat(commands).as("git processes of the post-commit").doesNotContain("symbolic-ref");
    }

    /** The git command (its first argument that is not an option) of every process the trace saw start. */
    private static List<String> startedCommands(Path trace) throws IOException {
        JsonReader json = new JsonReader();
        return Files.readAllLines(trace, StandardCharsets.UTF_8).stream().map(line -> json.parseObject(
                line.getBytes(StandardCharsets.UTF_8))).filter(event -> event.findString("event")
                .equals(Optional.of("start"))).map(event -> command(event.findArray("argv").orElseThrow().elements()))
                .toList();
    }

    private static String command(List<JsonValue> argv) {
        for (int i = 1; i < argv.size(); i++) {
            String argument = argv.get(i).stringValue();
            if (argument.equals("-c")) {
                i++;
            } else if (!argument.startsWith("-")) {
                return argument;
            }
        }
        return "";
    }
}
