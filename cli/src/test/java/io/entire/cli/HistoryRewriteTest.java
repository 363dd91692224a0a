package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.Git;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Links that survive history: amends, rebases, squashes, cherry-picks and reverts in a real repository whose hooks
 * (post-rewrite among them) run the CLI under test. Every case ends with explain resolving every checkpoint that went
 * into the rewritten history.
 */
class HistoryRewriteTest {
    @TempDir
    Path temp;
    Sandbox workspace;
    LiveCapture live;
    private int sessions;

    @BeforeEach
    void setUp() throws IOException {
        live = LiveCapture.enabledWithReadme(temp.resolve("work"));
        workspace = live.workspace;
    }

    @Test
    void anAmendWithANewMessageGetsTheAmendedCommitsTrailerBack() {
        String id = agentCommit("parser.txt", "Parser");

        live.userGit.run("commit", "-q", "--amend", "-m", "Parser, reworded");

        assertThat(workspace.headMessage()).startsWith("Parser, reworded\n\n").contains("Entire-Checkpoint: " + id);
        assertThat(explained("HEAD")).containsExactly(id);
        assertThat(workspace.git.run("status", "--porcelain", "--untracked-files=no").text())
                .as("index and work tree untouched").isEmpty();
    }

    @Test
    void anAmendInTheEditorThatDropsTheTrailerGetsItBack() throws IOException {
        String id = agentCommit("parser.txt", "Parser");
        Path editor = script("editor", "#!/bin/sh\nsed -i -e '/^Entire-Checkpoint:/d' -e '1s/$/, reworded/' \"$1\"\n");

        run(Map.of("GIT_EDITOR", editor.toString()), "commit", "-q", "--amend");

        assertThat(workspace.headMessage()).startsWith("Parser, reworded\n").contains("Entire-Checkpoint: " + id);
        assertThat(explained("HEAD")).containsExactly(id);
    }

    @Test
    void anAmendThatAddsAgentWorkLinksTheNewWorkToo() {
        String first = agentCommit("parser.txt", "Parser");
        ClaudeSession session = session();
        session.prompt("Add the lexer").write("lexer.txt", "lex\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();

        live.agentGit.run("add", "lexer.txt");
        live.agentGit.run("commit", "-q", "--amend", "--no-edit");

        List<String> ids = explained("HEAD");
        assertThat(ids).hasSize(2).startsWith(first);
        assertThat(live.checkpointJson(ids.get(1), "0/metadata.json").strings("files_touched"))
                .containsExactly("lexer.txt");
    }

    @Test
    void anAmendWithANewMessageThatAddsAgentWorkKeepsBothLinks() {
        String first = agentCommit("parser.txt", "Parser");
        ClaudeSession session = session();
        session.prompt("Add the lexer").write("lexer.txt", "lex\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();

        live.agentGit.run("add", "lexer.txt");
        live.agentGit.run("commit", "-q", "--amend", "-m", "Parser and lexer");

        List<String> ids = explained("HEAD");
        assertThat(ids).hasSize(2).contains(first);
        String added = ids.stream().filter(id -> !id.equals(first)).findFirst().orElseThrow();
        assertThat(live.checkpointJson(added, "0/metadata.json").strings("files_touched"))
                .containsExactly("lexer.txt");
    }

    @Test
    void rebaseFixupSquashRewordAndReorderKeepEveryLink() throws IOException {
        String a = agentCommit("a.txt", "A");
        String b = agentCommit("b.txt", "B");
        String c = agentCommit("c.txt", "C");
        String d = agentCommit("d.txt", "D");
        // The todo list becomes: pick A, fixup B (its message dropped), pick D before C (reorder), reword C (message replaced).
        Path sequenceEditor = script("sequence-editor", "#!/bin/sh\nsed -i -e '2s/^pick/fixup/' -e '3s/^pick/reword/'"
                + " \"$1\"\nlast=$(sed -n '4p' \"$1\")\nsed -i -e '4d' -e \"2a\\\\\n$last\" \"$1\"\n");
        Path messageEditor = script("editor",
                "#!/bin/sh\nif grep -q '^C$' \"$1\"; then printf 'C, reworded\\n' >\"$1\"; fi\n");

        rebase(Map.of("GIT_SEQUENCE_EDITOR", sequenceEditor.toString(), "GIT_EDITOR", messageEditor.toString()),
                "-i", "HEAD~4");

        assertThat(workspace.git.run("log", "--format=%s", "-3").text().lines()).containsExactly("C, reworded", "D",
                "A");
        assertThat(explained("HEAD~2")).containsExactly(a, b);
        assertThat(explained("HEAD~1")).containsExactly(d);
        assertThat(explained("HEAD")).containsExactly(c);
        assertThat(workspace.git.run("fsck", "--strict").succeeded()).isTrue();
    }

    @Test
    void aSquashOfTwoLinkedCommitsExplainsBoth() throws IOException {
        String a = agentCommit("a.txt", "A");
        String b = agentCommit("b.txt", "B");
        Path sequenceEditor = script("sequence-editor", "#!/bin/sh\nsed -i '2s/^pick/squash/' \"$1\"\n");

        rebase(Map.of("GIT_SEQUENCE_EDITOR", sequenceEditor.toString(), "GIT_EDITOR", "true"), "-i", "HEAD~2");

        assertThat(explained("HEAD")).containsExactly(a, b);
    }

    @Test
    void aRebaseThatDropsACommitKeepsTheLinksOfTheOthers() throws IOException {
        String a = agentCommit("a.txt", "A");
        agentCommit("b.txt", "B");
        String c = agentCommit("c.txt", "C");
        Path sequenceEditor = script("sequence-editor", "#!/bin/sh\nsed -i '2s/^pick/drop/' \"$1\"\n");

        rebase(Map.of("GIT_SEQUENCE_EDITOR", sequenceEditor.toString()), "-i", "HEAD~3");

        assertThat(workspace.git.run("log", "--format=%s", "-2").text().lines()).containsExactly("C", "A");
        assertThat(explained("HEAD~1")).containsExactly(a);
        assertThat(explained("HEAD")).containsExactly(c);
    }

    @Test
    void rebaseOntoAnotherBranchKeepsEveryLink() {
        String a = agentCommit("a.txt", "A");
        String b = agentCommit("b.txt", "B");
        workspace.git.run("branch", "feature");
        workspace.git.run("reset", "-q", "--hard", "HEAD~2");
        workspace.git.run("switch", "-q", "-c", "upstream");
        workspace.commit("upstream work");
        workspace.git.run("switch", "-q", "feature");

        rebase(Map.of(), "--onto", "upstream", "main");

        assertThat(workspace.git.run("log", "--format=%s", "-3").text().lines()).containsExactly("B", "A",
                "upstream work");
        assertThat(explained("HEAD~1")).containsExactly(a);
        assertThat(explained("HEAD")).containsExactly(b);
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

    @ParameterizedTest
    @ValueSource(strings = {"branch", "refs-v1"})
    void aMergeExplainsTheMergedCommitsAndDeletingTheBranchLosesNoCheckpoint(String store) throws IOException {
        if (!store.equals("branch")) {
            Files.writeString(workspace.repo.resolve(".entire/settings.json"), "{\"enabled\": true, \"strategy\": "
                    + "\"manual-commit\", \"strategy_options\": {\"checkpoint_store\": \"" + store + "\"}}\n");
        }
        workspace.git.run("switch", "-q", "-c", "feature");
        String a = agentCommit("a.txt", "A");
        String b = agentCommit("b.txt", "B");
        workspace.git.run("switch", "-q", "main");
        String c = agentCommit("c.txt", "C");
        live.userGit.run("merge", "-q", "--no-ff", "-m", "Merge feature", "feature");

        assertThat(explained("HEAD")).containsExactly(a, b);
        assertThat(listed("--branch", "feature")).containsExactlyInAnyOrder(a, b);
        workspace.git.run("branch", "-q", "-D", "feature");

        assertThat(explained("HEAD")).containsExactly(a, b);
        for (String id : List.of(a, b, c)) {
            assertThat(explained(id)).containsExactly(id);
        }
        assertThat(listed("--branch", "main")).containsExactlyInAnyOrder(a, b, c);
        assertThat(listed()).containsExactlyInAnyOrder(a, b, c);
        CliRun unknown = live.run("checkpoint", "list", "--branch", "feature");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("'feature' is neither a branch nor a commit");
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

    @Test
    void aForeignPostRewriteHookStillRunsWithTheSameStdin() throws IOException {
        Path log = temp.resolve("foreign.log");
        script(workspace.repo.resolve(".git/hooks/post-rewrite"), "#!/bin/sh\necho \"$*\" >> '" + log
                + "'\ncat >> '" + log + "'\n");
        live.enable();
        String id = agentCommit("a.txt", "A");
        String before = workspace.head();

        live.userGit.run("commit", "-q", "--amend", "-m", "A, reworded");

        String amended = workspace.git.run("rev-parse", "HEAD@{1}").text();
        assertThat(Files.readAllLines(log)).containsExactly("amend", before + " " + amended);
        assertThat(explained("HEAD")).containsExactly(id);
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

    private void rebase(Map<String, String> editors, String... args) {
        List<String> command = new ArrayList<>(List.of("rebase", "-q"));
        command.addAll(List.of(args));
        run(editors, command.toArray(String[]::new));
    }

    /** Runs git as the user does, with {@code editors} (or other variables) set. */
    private void run(Map<String, String> editors, String... args) {
        Map<String, String> env = new java.util.HashMap<>(live.env());
        env.putAll(editors);
        var result = new Git(workspace.repo, env).tryRun(List.of(args), null);
        assertThat(result.succeeded()).as(result.stderr()).isTrue();
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

    /** The checkpoint ids {@code checkpoint list --json} prints with the given options. */
    private List<String> listed(String... options) {
        List<String> args = new ArrayList<>(List.of("checkpoint", "list", "--json"));
        args.addAll(List.of(options));
        CliRun list = live.run(args.toArray(String[]::new));
        assertThat(list.exitCode()).as(list.err()).isZero();
        List<String> ids = new ArrayList<>();
        for (JsonValue element : new JsonReader().parse(list.out().getBytes(StandardCharsets.UTF_8)).elements()) {
            ids.add(((JsonObject) element).findString("checkpoint_id").orElseThrow());
        }
        return ids;
    }

    private static JsonObject parse(String json) {
        return new JsonReader().parseObject(json.getBytes(StandardCharsets.UTF_8));
    }

    private Path script(String name, String content) throws IOException {
        return script(temp.resolve(name), content);
    }

    private static Path script(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
