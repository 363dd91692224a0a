package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.Git;
import io.entire.core.json.JsonBoolean;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code entire enable}, {@code disable} and {@code status} against real repositories and real hook scripts. */
class EnableDisableTest {
    private static final String CLAUDE_SETTINGS = "{\n  \"model\": \"opus\",\n"
            + "  \"permissions\": {\"allow\": [\"Bash(ls)\"]},\n"
            + "  \"hooks\": {\"Stop\": [{\"matcher\": \"\", \"hooks\": [{\"type\": \"command\","
            + " \"command\": \"say done\"}]}]}\n}\n";

    @TempDir
    Path temp;
    Sandbox workspace;
    LiveCapture live;

    @BeforeEach
    void setUp() {
        workspace = new Sandbox(temp.resolve("work")).commit("initial");
        live = new LiveCapture(workspace);
    }

    @Test
    void enableMergesIntoTheAgentSettingsOnceAndForceReplacesOnlyEntiresEntries() throws IOException {
        Path claude = workspace.repo.resolve(".claude/settings.json");
        Files.createDirectories(claude.getParent());
        Files.writeString(claude, CLAUDE_SETTINGS);

        live.enable();
        String once = Files.readString(claude);
        CliRun again = live.enable();
        assertThat(Files.readString(claude)).as("running it twice adds nothing").isEqualTo(once);
        assertThat(again.out()).contains("already in .claude/settings.json", "already installed");

        JsonObject settings = new JsonReader().parseObject(once.getBytes(StandardCharsets.UTF_8));
        assertThat(settings.findString("model")).contains("opus");
        assertThat(settings.find("permissions")).isPresent();
        assertThat(settings.member("hooks").member("Stop").elements()).hasSize(2);
        assertThat(once).contains("\"command\": \"say done\"", "hooks claude-code session-start",
                "hooks claude-code user-prompt-submit", "hooks claude-code stop", "hooks claude-code session-end");
        assertThat(workspace.repo.resolve(".entire/settings.json")).exists();
        assertThat(workspace.repo.resolve(".entire/settings.local.json")).as("the project file existed, so the second"
                + " enable wrote the local one").exists();
        assertThat(Files.readAllLines(workspace.repo.resolve(".entire/.gitignore")))
                .containsExactly("tmp/", "settings.local.json", "metadata/", "logs/");

        Map<String, String> env = new HashMap<>(live.env());
        env.put(EnableCommand.HOOK_COMMAND_VARIABLE, "/opt/entire/bin/entire");
        assertThat(CliRun.run(workspace.repo, env, "enable", "--force", "--project").exitCode()).isZero();
        String forced = Files.readString(claude);
        assertThat(forced).contains("\"command\": \"say done\"", "/opt/entire/bin/entire hooks claude-code stop")
                .doesNotContain(LiveCapture.hookCommand().replace("'", ""));
        assertThat(forced.split("hooks claude-code stop", -1)).as("one Entire entry for Stop").hasSize(2);
    }

    @Test
    void aForeignHookIsKeptRunsAfterOursWithTheSameArgumentsAndStdinAndIsRestoredOnUninstall() throws IOException {
        Path remote = temp.resolve("remote.git");
        new Git(temp).run("init", "-q", "--bare", "-b", "main", remote.toString());
        workspace.git.run("remote", "add", "origin", remote.toUri().toString());
        String commitMsg = "#!/bin/sh\necho \"commit-msg $# $(basename \"$1\")\" >> .git/foreign.log\n";
        String prePush = "#!/bin/sh\necho \"pre-push $1\" >> .git/foreign.log\ncat >> .git/foreign.log\n";
        hook("commit-msg", commitMsg);
        hook("pre-push", prePush);

        CliRun enable = live.enable();
        assertThat(enable.out()).contains("commit-msg hook is kept as commit-msg.pre-entire",
                "pre-push hook is kept as pre-push.pre-entire");
        ClaudeSession session = new ClaudeSession(workspace, Sandbox.SESSION_A);
        session.prompt("Write a.txt").write("a.txt", "a\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();
        live.agentGit.run("add", "a.txt");
        live.agentGit.run("commit", "-q", "-m", "A");
        live.agentGit.run("push", "-q", "origin", "main");

        assertThat(live.headCheckpoint()).isPresent();
        String log = Files.readString(workspace.repo.resolve(".git/foreign.log"));
        assertThat(log).contains("commit-msg 1 COMMIT_EDITMSG", "pre-push origin",
                "refs/heads/main " + workspace.head() + " refs/heads/main");
        assertThat(new Git(remote).run("for-each-ref", "--format=%(refname)").text())
                .contains("refs/heads/entire/checkpoints/v1");

        CliRun uninstall = live.run("disable", "--uninstall");
        assertThat(uninstall.exitCode()).as(uninstall.err()).isZero();
        assertThat(Files.readString(workspace.repo.resolve(".git/hooks/commit-msg"))).isEqualTo(commitMsg);
        assertThat(Files.readString(workspace.repo.resolve(".git/hooks/pre-push"))).isEqualTo(prePush);
        assertThat(workspace.repo.resolve(".git/hooks/prepare-commit-msg")).doesNotExist();
        assertThat(workspace.repo.resolve(".git/hooks/commit-msg.pre-entire")).doesNotExist();
        assertThat(Files.readString(workspace.repo.resolve(".claude/settings.json"))).doesNotContain("claude-code");
        assertThat(live.sessionFiles()).isEmpty();
        assertThat(workspace.checkpointTip()).as("checkpoints are kept").isNotEmpty();
    }

    @Test
    void installedHooksDoNothingWhenEntireIsNotOnThePath() throws IOException {
        hook("commit-msg", "#!/bin/sh\necho ran >> .git/foreign.log\n");
        Map<String, String> env = new HashMap<>(live.env());
        env.remove(EnableCommand.HOOK_COMMAND_VARIABLE);
        assertThat(CliRun.run(workspace.repo, env, "enable").exitCode()).isZero();
        Files.writeString(workspace.repo.resolve("b.txt"), "b\n");
        Git withoutEntire = new Git(workspace.repo, Map.of("PATH", "/usr/bin:/bin", "ENTIRE_NO_TTY", "1"));

        withoutEntire.run("add", "b.txt");
        withoutEntire.run("commit", "-q", "-m", "B");

        assertThat(workspace.headMessage().strip()).isEqualTo("B");
        assertThat(Files.readString(workspace.repo.resolve(".git/foreign.log"))).isEqualTo("ran\n");
    }

    @Test
    void aHookManagerKeepsItsHooksAndEnableSaysHowToAddEntire() throws IOException {
        String generated = "#!/usr/bin/env bash\n# File generated by pre-commit: https://pre-commit.com\nexit 0\n";
        hook("commit-msg", generated);

        CliRun enable = live.enable();

        assertThat(enable.out()).contains("pre-commit manages the hooks", ".pre-commit-config.yaml",
                "hooks git prepare-commit-msg", "stages: [post-commit]");
        assertThat(Files.readString(workspace.repo.resolve(".git/hooks/commit-msg"))).isEqualTo(generated);
        assertThat(workspace.repo.resolve(".git/hooks/prepare-commit-msg")).doesNotExist();
        assertThat(workspace.repo.resolve(".claude/settings.json")).as("the agent's hooks are installed").exists();
    }

    @Test
    void withHuskyStatusPointsAtTheLinesEnablePrintedAndSeesThemOnceAdded() throws IOException {
        workspace.git.run("config", "core.hooksPath", ".husky");
        Files.createDirectories(workspace.repo.resolve(".husky"));
        CliRun enable = live.enable();
        assertThat(enable.out()).contains("husky manages the hooks");

        assertThat(live.run("status").out()).as("not the 'run entire enable' that sends the user in a circle")
                .contains("hooks not installed: add the lines 'entire enable' prints to .husky/<hook>")
                .doesNotContain("run 'entire enable'");
        assertThat(live.run("doctor").out()).contains("git hook prepare-commit-msg is not run from",
                "fix: add the lines 'entire enable' prints to").doesNotContain("fix: run 'entire enable'\n");

        for (String line : enable.out().lines().filter(line -> line.contains(".husky/")).toList()) {
            String file = line.substring(line.indexOf(".husky/"), line.indexOf(':'));
            Files.writeString(workspace.repo.resolve(file), "#!/bin/sh\n" + line.substring(line.indexOf(':') + 1)
                    .strip() + "\n");
        }
        assertThat(live.run("status").out()).startsWith("Entire: enabled\n");
        assertThat(live.run("doctor").out()).contains("ok       hooks: git hooks and agent hooks installed and current");
    }

    @Test
    void hooksGoWhereCoreHooksPathSays() {
        workspace.git.run("config", "core.hooksPath", ".githooks");

        assertThat(live.enable().out()).contains(workspace.repo.resolve(".githooks").toString());

        assertThat(workspace.repo.resolve(".githooks/post-commit")).isExecutable();
        assertThat(workspace.repo.resolve(".git/hooks/post-commit")).doesNotExist();
    }

    @Test
    void statusInARepositoryNeverSetUpSaysSo() {
        CliRun text = CliRun.run(workspace.repo, Map.of(), "status");
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).isEqualTo("Entire: not set up in this repository: run 'entire enable'\n");
        CliRun json = CliRun.run(workspace.repo, Map.of(), "status", "--json");
        JsonObject status = new JsonReader().parseObject(json.out().getBytes(StandardCharsets.UTF_8));
        assertThat(status.member("set_up")).isEqualTo(new JsonBoolean(false));
        assertThat(status.member("enabled")).isEqualTo(new JsonBoolean(false));
    }

    @Test
    void statusShowsTheLiveSessionsAndTheStore() {
        live.enable("--local");
        ClaudeSession session = new ClaudeSession(workspace, Sandbox.SESSION_A);
        session.prompt("Write the status page").write("status.md", "ok\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();

        CliRun json = live.run("status", "--json");
        CliRun text = live.run("status");

        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonObject status = new JsonReader().parseObject(json.out().getBytes(StandardCharsets.UTF_8));
        assertThat(status.member("enabled").isTrue()).isTrue();
        assertThat(status.member("hooks_installed").isTrue()).isTrue();
        JsonObject first = (JsonObject) status.member("sessions").elements().get(0);
        assertThat(first.findString("session_id")).contains(Sandbox.SESSION_A);
        assertThat(first.findString("phase")).contains("idle");
        assertThat(first.findLong("steps")).contains(1L);
        assertThat(first.strings("files")).containsExactly("status.md");
        assertThat(text.out()).contains("Entire: enabled", "Claude Code " + Sandbox.SESSION_A,
                "first prompt: Write the status page", "steps: 1, files: status.md", "Queued to push: nothing");
        assertThat(workspace.repo.resolve(".entire/settings.local.json")).exists();
        assertThat(workspace.repo.resolve(".entire/settings.json")).doesNotExist();
    }

    @Test
    void uninstallAsksOnATerminalAndANoChangesNothing() throws Exception {
        assertThat(workspace.run("enable").exitCode()).isZero();
        Path hook = workspace.repo.resolve(".git/hooks/post-commit");
        String settings = Files.readString(workspace.repo.resolve(".entire/settings.json"));

        String declined = workspace.onTerminal("n", "disable", "--uninstall");

        assertThat(declined).contains("Remove Entire's hooks", "[y/N]", "Nothing changed.");
        assertThat(hook).exists();
        assertThat(workspace.repo.resolve(".entire/settings.json")).hasContent(settings);

        String accepted = workspace.onTerminal("y", "disable", "--uninstall");

        assertThat(accepted).contains("removed git hooks:");
        assertThat(hook).doesNotExist();
    }


    @Test
    void uninstallRemovesTheEntireFolderWhenItHoldsNothingButWhatEntirePutThere() throws IOException {
        assertThat(workspace.run("enable", "--local").exitCode()).isZero();
        Files.createDirectories(workspace.repo.resolve(".entire/logs"));
        Files.writeString(workspace.repo.resolve(".entire/logs/entire.log"), "a line\n");

        CliRun uninstall = workspace.run("disable", "--uninstall", "--force");

        assertThat(uninstall.exitCode()).as(uninstall.err()).isZero();
        assertThat(workspace.repo.resolve(".entire")).doesNotExist();
        assertThat(uninstall.out()).contains("removed .entire/");
        assertThat(workspace.run("status").out()).contains("not set up in this repository");
    }

    @Test
    void statusAndAgentListShowEverythingElseBesideABrokenAgentSettingsFile() throws IOException {
        live.enable("--local");
        ClaudeSession session = new ClaudeSession(workspace, Sandbox.SESSION_A);
        session.prompt("Write the status page").write("status.md", "ok\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();
        Path claude = workspace.repo.resolve(".claude/settings.json");
        Files.writeString(claude, "{broken");
        String problem = claude + " is not valid JSON (malformed JSON: expected a quoted member name at line 1, column"
                + " 2); fix it or move it away, then run the command again";

        CliRun text = live.run("status");
        CliRun json = live.run("status", "--json");
        CliRun agents = live.run("agent", "list");

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).startsWith("Entire: enabled (hooks not installed: run 'entire enable')\n")
                .contains(Sandbox.SESSION_A);
        assertThat(text.err()).isEqualTo("entire: warning: " + problem + "\n");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonObject status = new JsonReader().parseObject(json.out().getBytes(StandardCharsets.UTF_8));
        assertThat(status.member("hooks_installed").isTrue()).isFalse();
        assertThat(status.member("sessions").elements()).hasSize(1);
        assertThat(json.err()).isEqualTo(text.err());
        assertThat(agents.exitCode()).as(agents.err()).isZero();
        assertThat(agents.out()).contains("claude-code  Claude Code  unusable: " + problem + "\n");
    }

    @Test
    void uninstallWithABrokenAgentSettingsFileChangesNothingAndSaysWhichFile() throws IOException {
        assertThat(workspace.run("enable").exitCode()).isZero();
        Path claude = workspace.repo.resolve(".claude/settings.json");
        Files.writeString(claude, "{broken");
        String settings = Files.readString(workspace.repo.resolve(".entire/settings.json"));
        Path hooks = workspace.repo.resolve(".git/hooks");
        List<String> installed;
        try (Stream<Path> files = Files.list(hooks)) {
            installed = files.map(file -> file.getFileName().toString()).sorted().toList();
        }

        CliRun uninstall = workspace.run("disable", "--uninstall", "--force");

        assertThat(uninstall.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(uninstall.err()).isEqualTo("entire: " + claude + " is not valid JSON (malformed JSON: expected a"
                + " quoted member name at line 1, column 2); fix it or move it away, then run the command again\n");
        try (Stream<Path> files = Files.list(hooks)) {
            assertThat(files.map(file -> file.getFileName().toString()).sorted().toList()).as("git hooks kept")
                    .isEqualTo(installed);
        }
        assertThat(workspace.repo.resolve(".entire/settings.local.json")).as("not disabled either").doesNotExist();
        assertThat(Files.readString(workspace.repo.resolve(".entire/settings.json"))).isEqualTo(settings);
    }

    @Test
    void enableWithAnAgentSettingOfTheWrongTypeWritesNothingAndSaysWhich() throws IOException {
        Path claude = workspace.repo.resolve(".claude/settings.json");
        Files.createDirectories(claude.getParent());
        for (String settings : List.of("{\"hooks\": {\"Stop\": \"./my-stop.sh\"}}", "{\"hooks\": 5}")) {
            Files.writeString(claude, settings);

            CliRun enable = workspace.run("enable");

            assertThat(enable.exitCode()).isEqualTo(ExitCode.FAILED);
            assertThat(enable.err()).startsWith("entire: " + claude + ": hooks")
                    .contains(settings.contains("Stop") ? "hooks.Stop must be an array, not a string"
                            : "hooks must be an object, not a number")
                    .endsWith("; fix it or move it away, then run the command again\n");
            assertThat(claude).as("the user's value kept").hasContent(settings);
            assertThat(workspace.repo.resolve(".entire")).as("nothing written").doesNotExist();
        }
    }

    @Test
    void uninstallKeepsTheEntireFolderWhenItHoldsAFileOfTheUsers() throws IOException {
        assertThat(workspace.run("enable").exitCode()).isZero();
        Files.writeString(workspace.repo.resolve(".entire/notes.md"), "mine\n");

        CliRun uninstall = workspace.run("disable", "--uninstall", "--force");

        assertThat(uninstall.exitCode()).as(uninstall.err()).isZero();
        assertThat(workspace.repo.resolve(".entire/notes.md")).hasContent("mine\n");
        assertThat(workspace.repo.resolve(".entire/settings.json")).exists();
        assertThat(uninstall.out()).contains("kept .entire/: it also holds notes.md");
    }

    @Test
    void uninstallRemovesTheListingCachesAndKeepsTheCheckpoints() throws IOException {
        live.enable();
        ClaudeSession session = new ClaudeSession(workspace, Sandbox.SESSION_A);
        session.prompt("Write the notes").write("notes.md", "notes\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();
        live.agentGit.run("add", "notes.md");
        live.agentGit.run("commit", "-q", "-m", "Notes");
        assertThat(live.run("checkpoint", "list").exitCode()).isZero();
        Path gitDirectory = workspace.repo.resolve(".git");
        assertThat(listingCaches(gitDirectory)).as("the listing wrote its cache").isNotEmpty();

        CliRun uninstall = live.run("disable", "--uninstall", "--force");

        assertThat(uninstall.exitCode()).as(uninstall.err()).isZero();
        assertThat(listingCaches(gitDirectory)).isEmpty();
        assertThat(live.headCheckpoint()).isPresent();
        assertThat(live.run("checkpoint", "list").out()).contains("Write the notes");
    }

    private static List<Path> listingCaches(Path gitDirectory) throws IOException {
        try (Stream<Path> files = Files.list(gitDirectory)) {
            return files.filter(file -> file.getFileName().toString().startsWith("entire-listing-cache-")).toList();
        }
    }

    @Test
    void statusListsAnEndedSessionWhoseWorkIsNotCommittedYetMarkedAsSuch() {
        live.enable();
        ClaudeSession session = new ClaudeSession(workspace, Sandbox.SESSION_A);
        session.start();   // claude -p: one turn, then the session ends
        session.prompt("Write the notes").write("notes.md", "notes\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();
        assertThat(session.end().exitCode()).isZero();

        CliRun json = live.run("status", "--json");
        CliRun text = live.run("status");

        JsonObject first = (JsonObject) new JsonReader().parseObject(json.out().getBytes(StandardCharsets.UTF_8))
                .member("sessions").elements().get(0);
        assertThat(first.findString("phase")).contains("ended");
        assertThat(first.findLong("steps")).contains(1L);
        assertThat(text.out()).contains("Claude Code " + Sandbox.SESSION_A + " (ended, work not committed yet",
                "steps: 1, files: notes.md");

        live.userGit.run("add", "notes.md");
        live.userGit.run("commit", "-q", "-m", "Notes");
        assertThat(live.run("status").out()).as("all its work is committed").doesNotContain(Sandbox.SESSION_A)
                .contains("Sessions: none active");
    }

    private void hook(String name, String script) throws IOException {
        Path file = workspace.repo.resolve(".git/hooks").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
