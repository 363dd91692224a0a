package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.Git;
import io.entire.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live capture driven the way Claude Code and git drive it: {@code entire enable} in a real repository, hook payloads
 * on stdin, a real transcript (the fixture, its paths moved into this repository) growing line by line while files
 * change, agent commits without a terminal running the installed git hooks, and a push to a bare remote.
 */
class LiveCaptureEndToEndTest {
    private static final String SETTINGS_TEST = "cmd/entire/cli/settings/settings_test.go";

    @TempDir
    Path temp;

    @Test
    void agentTurnsAreCondensedIntoTheCommitsCheckpointAndPushed() throws IOException {
        Path remote = temp.resolve("remote.git");
        new Git(temp).run("init", "-q", "--bare", "-b", "main", remote.toString());
        Sandbox workspace = new Sandbox(temp.resolve("work"));
        Files.createDirectories(workspace.repo.resolve(SETTINGS_TEST).getParent());
        Files.writeString(workspace.repo.resolve(SETTINGS_TEST), "package settings\n\nfunc contains(s, sub string) bool"
                + " {\n\treturn containsSubstring(s, sub)\n}\n");
        workspace.git.run("add", ".");
        workspace.commit("initial");
        workspace.git.run("remote", "add", "origin", remote.toUri().toString());
        workspace.git.run("push", "-q", "origin", "main");
        LiveCapture live = new LiveCapture(workspace);
        CliRun enable = live.enable();
        assertThat(enable.out()).contains("Entire is enabled", "4 added to .claude/settings.json",
                "prepare-commit-msg, commit-msg, post-commit, pre-push");

        // Turn 1: the real fixture transcript, line by line; the agent edits the file between its tool calls.
        List<String> fixture = Files.readAllLines(Sandbox.FIXTURES.resolve("claude-code")
                .resolve(Sandbox.SESSION_A + ".jsonl")).stream()
                .map(line -> line.replace("/Users/paul/src/entireio/20260205-cli", workspace.repo.toString())).toList();
        ClaudeSession session = new ClaudeSession(workspace, Sandbox.SESSION_A);
        CliRun start = session.start();
        assertThat(start.exitCode()).isZero();
        assertThat(start.out()).startsWith("{\"systemMessage\":").contains("linked to your next commit");
        String firstPrompt = "Replace the custom string contains implementation with the standard library's"
                + " strings.Contains function.";
        session.append(fixture.subList(0, 3).toArray(String[]::new));
        CliRun submitted = session.hook("user-prompt-submit", "UserPromptSubmit", Map.of("prompt",
                firstPrompt));
        assertThat(submitted.exitCode()).isZero();
        assertThat(submitted.out()).isEmpty();
        session.append(fixture.subList(3, 24).toArray(String[]::new));
        Files.writeString(workspace.repo.resolve(SETTINGS_TEST), "package settings\n\nimport \"strings\"\n\n"
                + "func contains(s, sub string) bool {\n\treturn strings.Contains(s, sub)\n}\n");
        session.append(fixture.subList(24, fixture.size()).toArray(String[]::new));
        CliRun stopped = session.stop();
        assertThat(stopped.exitCode()).isZero();
        assertThat(stopped.out()).isEmpty();
        assertThat(live.shadowBranches()).as("a snapshot after the first turn").hasSize(1);
        String shadow = live.shadowBranches().get(0);
        assertThat(workspace.git.run("ls-tree", "-r", "--name-only", shadow).text().lines())
                .contains(SETTINGS_TEST, ".entire/metadata/" + Sandbox.SESSION_A + "/metadata.json");

        // Turn 2: a new file; and between the turns the person touches an unrelated file.
        Path notes = Files.writeString(workspace.repo.resolve("NOTES.txt"), "my own notes\n");
        // The person wrote it a while before the next prompt, not within the same millisecond.
        Files.setLastModifiedTime(notes, FileTime.from(Instant.now().minusSeconds(60)));
        session.prompt("Also document the change in docs/strings.md").write("docs/strings.md",
                "# strings\nWe use strings.Contains now.\n").say("Documented.");
        assertThat(session.stop().exitCode()).isZero();

        live.agentGit.run("add", SETTINGS_TEST, "docs/strings.md");
        live.agentGit.run("commit", "-q", "-m", "Use strings.Contains");

        String first = live.headCheckpoint().orElseThrow(() -> new AssertionError("no trailer: "
                + workspace.headMessage()));
        assertThat(workspace.headMessage().strip()).isEqualTo("Use strings.Contains\n\nEntire-Checkpoint: " + first);
        JsonObject root = live.checkpointJson(first, "metadata.json");
        assertThat(root.strings("files_touched")).containsExactly("cmd/entire/cli/settings/settings_test.go",
                "docs/strings.md");
        assertThat(root.findArray("sessions").orElseThrow().elements()).hasSize(1);
        JsonObject metadata = live.checkpointJson(first, "0/metadata.json");
        assertThat(metadata.findString("session_id")).contains(Sandbox.SESSION_A);
        assertThat(metadata.findString("agent")).contains("Claude Code");
        assertThat(metadata.findString("model")).contains("claude-opus-4-6");
        assertThat(metadata.findLong("checkpoints_count")).contains(2L);
        assertThat(metadata.find("checkpoint_transcript_start")).isEmpty();
        assertThat(live.checkpointFile(first, "0/prompt.txt")).isEqualTo(firstPrompt
                + "\n\n---\n\nAlso document the change in docs/strings.md");
        assertThat(live.checkpointFile(first, "0/full.jsonl").lines()).hasSize((int) session.lines());
        assertThat(live.checkpointFile(first, "0/transcript.jsonl")).contains("strings.Contains", "docs/strings.md");
        assertThat(live.shadowBranches()).as("the shadow branch goes with the condensation").isEmpty();

        // Turn 3 after the commit: the next checkpoint holds only the transcript from here on.
        long linesAtFirstCommit = session.lines();
        session.prompt("Add a changelog entry").write("CHANGELOG.md", "- strings.Contains\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();
        live.agentGit.run("add", "CHANGELOG.md");
        live.agentGit.run("commit", "-q", "-m", "Changelog");

        String second = live.headCheckpoint().orElseThrow();
        assertThat(second).isNotEqualTo(first);
        JsonObject sliced = live.checkpointJson(second, "0/metadata.json");
        assertThat(sliced.findLong("checkpoint_transcript_start")).contains(linesAtFirstCommit);
        assertThat(sliced.strings("files_touched")).containsExactly("CHANGELOG.md");
        assertThat(live.checkpointFile(second, "0/prompt.txt")).isEqualTo("Add a changelog entry");
        assertThat(live.checkpointFile(second, "0/transcript.jsonl")).contains("Add a changelog entry")
                .doesNotContain("docs/strings.md");
        assertThat(workspace.git.run("status", "--porcelain").text()).as("only the person's own file is left")
                .contains("NOTES.txt").doesNotContain("CHANGELOG").doesNotContain("strings");

        live.agentGit.run("push", "-q", "origin", "main");

        Git remoteGit = new Git(remote);
        String remoteTree = remoteGit.run("ls-tree", "-r", "--name-only", "entire/checkpoints/v1").text();
        assertThat(remoteTree).contains(first.substring(0, 2) + "/" + first.substring(2) + "/0/full.jsonl",
                second.substring(0, 2) + "/" + second.substring(2) + "/0/metadata.json");
        assertThat(remoteGit.run("for-each-ref", "--format=%(refname)", "refs/heads/entire/").text().lines())
                .as("shadow branches are never pushed").containsExactly("refs/heads/entire/checkpoints/v1");
        assertThat(workspace.git.run("fsck", "--strict").succeeded()).isTrue();
        CliRun explain = live.run("explain", "HEAD~1", "--json");
        assertThat(explain.exitCode()).as(explain.err()).isZero();
        assertThat(explain.out()).contains("\"checkpoint_id\": \"" + first + "\"");
    }
}
