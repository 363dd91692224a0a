package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import io.entire.core.json.JsonWriter;
import io.entire.core.model.Timestamps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code entire doctor}: each check against a real repository whose hooks ran, and both fixes of a stuck session. */
class DoctorCommandTest {
    @TempDir
    Path temp;
    LiveCapture live;
    Sandbox workspace;

    @BeforeEach
    void setUp() throws IOException {
        live = LiveCapture.enabledWithReadme(temp.resolve("work"));
        workspace = live.workspace;
    }

    @Test
    void aHealthyRepositoryPassesEveryCheck() {
        CliRun doctor = live.run("doctor");

        assertThat(doctor.exitCode()).as(doctor.toString()).isZero();
        assertThat(doctor.out()).contains("ok       sessions: 0 live session(s), none stuck",
                "ok       hooks: git hooks and agent hooks installed and current", "ok       settings: settings valid",
                "ok       hook-server: not running; the next hook starts it",
                "ok       push-queue: 0 ref(s) queued, all well-formed",
                "ok       links: every checkpoint link of the current branch resolves");
    }

    @Test
    void aCheckpointBranchNamingABlobIsOneFindingAndTheOtherChecksStillReport() throws IOException {
        String blob = workspace.git.run("hash-object", "-w", "README.md").text().strip();
        // git refuses to point a branch at a blob: only an edit of the ref file does it
        Path ref = workspace.repo.resolve(".git/refs/heads/entire/checkpoints/v1");
        Files.createDirectories(ref.getParent());
        Files.writeString(ref, blob + "\n");

        CliRun doctor = live.run("doctor");

        assertThat(doctor.exitCode()).as(doctor.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(doctor.err()).isEmpty();
        assertThat(doctor.out()).contains("ok       sessions: 0 live session(s), none stuck",
                "ok       push-queue: 0 ref(s) queued, all well-formed",
                "problem  links: not checked: the checkpoints cannot be listed: ", "object " + blob + " is a blob",
                "fix: look at the checkpoint refs");
    }

    @Test
    void aStuckTurnIsCondensedIntoACheckpointNoCommitLinks() throws IOException {
        ClaudeSession session = new ClaudeSession(workspace, Sandbox.SESSION_A);
        session.prompt("Write the parser").write("parser.txt", "parse\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();
        session.prompt("Now the lexer").write("lexer.txt", "lex\n");
        age(Sandbox.SESSION_A, Duration.ofHours(3));

        CliRun found = live.run("doctor");
        assertThat(found.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(found.out()).contains("problem  sessions: session " + Sandbox.SESSION_A,
                "a turn is running, but no hook came for 3h: it links every commit made without a terminal",
                "fix: run 'entire doctor --fix'");

        CliRun fixed = live.run("doctor", "--fix", "--stuck", "condense", "--json");

        assertThat(fixed.exitCode()).as(fixed.toString()).isZero();
        JsonObject repair = (JsonObject) json(fixed).findArray("repairs").orElseThrow().elements().get(0);
        assertThat(repair.findString("outcome")).contains("condensed");
        String id = repair.findString("checkpoint_id").orElseThrow();
        assertThat(live.checkpointJson(id, "0/metadata.json").findString("session_id")).contains(Sandbox.SESSION_A);
        assertThat(live.checkpointJson(id, "0/metadata.json").strings("files_touched")).containsExactly("parser.txt");
        assertThat(live.checkpointFile(id, "0/full.jsonl").lines()).hasSize((int) session.lines());
        assertThat(live.sessionState(Sandbox.SESSION_A).findString("phase")).contains("ended");
        assertThat(live.shadowBranches()).isEmpty();
        assertThat(workspace.git.run("log", "--format=%B", "main").text()).doesNotContain(id);

        live.userGit.run("add", "parser.txt", "lexer.txt");
        live.userGit.run("commit", "-q", "-m", "By hand");
        assertThat(live.headCheckpoint()).as("the condensed session links no more commits").isEmpty();
        assertThat(live.run("link", "HEAD", id).exitCode()).isZero();
        assertThat(live.headCheckpoint()).contains(id);
    }

    @Test
    void anEndedSessionsUncommittedStepsAreDiscarded() {
        ClaudeSession session = new ClaudeSession(workspace, Sandbox.SESSION_A);
        session.prompt("Write the parser").write("parser.txt", "parse\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();
        assertThat(session.end().exitCode()).isZero();

        CliRun unattended = live.run("doctor", "--fix");
        assertThat(unattended.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(unattended.err()).contains("no terminal to ask", "--stuck condense|discard");
        assertThat(unattended.out()).contains("it ended with 1 step(s) never committed");

        CliRun fixed = live.run("doctor", "--fix", "--stuck", "discard");

        assertThat(fixed.exitCode()).as(fixed.toString()).isZero();
        assertThat(fixed.out()).contains("session " + Sandbox.SESSION_A + ": its uncommitted work was discarded");
        assertThat(workspace.checkpointTip()).as("no checkpoint written").isEmpty();
        assertThat(live.shadowBranches()).isEmpty();
        assertThat(live.sessionState(Sandbox.SESSION_A).findArray("steps").orElseThrow().elements()).isEmpty();
        assertThat(workspace.repo.resolve("parser.txt")).as("the work tree is left alone").exists();
        live.userGit.run("add", "parser.txt");
        live.userGit.run("commit", "-q", "-m", "Parser");
        assertThat(live.headCheckpoint()).isEmpty();
    }

    @Test
    void eachProblemIsNamedWithItsFix() throws IOException {
        Path hooks = workspace.repo.resolve(".git/hooks");
        Files.delete(hooks.resolve("post-rewrite"));
        Files.writeString(hooks.resolve("pre-push"), "echo extra\n", StandardOpenOption.APPEND);
        Files.writeString(workspace.repo.resolve(".entire/settings.local.json"), "{\"colour\": \"blue\"}\n");
        Files.writeString(workspace.repo.resolve(".git/entire-checkpoint-push-queue.jsonl"),
                "{\"ref\":\"refs/entire/checkpoints/v2/main\"}\nnot json\n{\"ref\":\"refs/heads/main\"}\n");
        workspace.git.run("commit", "-q", "--allow-empty", "-m", "Foreign", "-m", "Entire-Checkpoint: 0123456789ab");

        CliRun doctor = live.run("doctor");

        assertThat(doctor.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(doctor.out()).contains("problem  hooks: git hook post-rewrite is not installed",
                "problem  hooks: git hook pre-push was written by another version of Entire",
                "fix: run 'entire enable'",
                "warning  settings: unknown key settings.local.json: colour (kept; another tool's, or a typo)",
                "problem  push-queue: entire-checkpoint-push-queue.jsonl line 2: not a queue entry",
                "problem  push-queue: entire-checkpoint-push-queue.jsonl line 3: refs/heads/main is not a checkpoint"
                        + " ref",
                "warning  links: commit " + workspace.head().substring(0, 7) + " (Foreign) links checkpoint"
                        + " 0123456789ab, which no store here has");
        live.enable();
        assertThat(live.run("doctor").out())
                .contains("ok       hooks: git hooks and agent hooks installed and current");
    }

    @Test
    void aBrokenSettingsFileIsReportedNotFatal() throws IOException {
        Files.writeString(workspace.repo.resolve(".entire/settings.json"), "{\"enabled\": tru\n");

        CliRun doctor = live.run("doctor");

        assertThat(doctor.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(doctor.out()).contains("problem  settings: ", "settings.json", "line 1, column");
        assertThat(live.run("session", "list").exitCode()).isEqualTo(ExitCode.OK);
    }

    @Test
    void aFolderWhereTheSettingsBelongIsReportedInOneLineByEveryCommand() throws IOException {
        Path settings = workspace.repo.resolve(".entire/settings.json");
        Files.delete(settings);
        Files.createDirectory(settings);

        CliRun doctor = live.run("doctor");
        CliRun status = live.run("status");
        CliRun enable = live.run("enable");

        assertThat(doctor.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(doctor.out()).contains("problem  settings: " + settings + ": cannot be read (");
        for (CliRun run : List.of(status, enable)) {
            assertThat(run.exitCode()).as(run.toString()).isNotZero();
            assertThat(run.err()).as(run.toString()).startsWith("entire: " + settings + ": cannot be read (")
                    .hasLineCount(1).doesNotContain("Exception");
        }
        assertThat(settings).isDirectory();
    }

    @Test
    void aSessionStateHooksCannotReadIsAProblemForDoctorAWarningForStatusAndNeverCopied() throws IOException {
        ClaudeSession session = new ClaudeSession(workspace, Sandbox.SESSION_A);
        session.prompt("Write the parser").write("parser.txt", "parse\n").say("Done.");
        Path state = workspace.repo.resolve(".git/entire-sessions/" + Sandbox.SESSION_A + ".json");
        JsonObject json = new JsonReader().parseObject(Files.readAllBytes(state));
        Map<String, JsonValue> renamed = new LinkedHashMap<>(json.members());
        renamed.put("session_id", new JsonString("22222222-2222-3333-4444-555555555555"));
        Files.write(state, JsonWriter.pretty(new JsonObject(renamed)));

        CliRun prompt = session.hook("user-prompt-submit", "UserPromptSubmit", Map.of("prompt", "And the lexer"));
        CliRun doctor = live.run("doctor");
        CliRun status = live.run("status");

        assertThat(live.sessionFiles()).as("no second state under the name the file holds")
                .noneMatch(file -> file.startsWith("22222222"));
        assertThat(prompt.err()).contains("unreadable session state " + state);
        assertThat(doctor.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(doctor.out()).contains("problem  sessions: session state " + state + " cannot be read (it names"
                + " session 22222222-2222-3333-4444-555555555555): hooks skip its session", "entire attach");
        assertThat(status.exitCode()).isZero();
        assertThat(status.err()).isEqualTo("entire: warning: session state " + state + " cannot be read (it names"
                + " session 22222222-2222-3333-4444-555555555555): commits are not linked to its session (see entire"
                + " doctor)\n");
    }

    @Test
    void theHooksOfEachEnabledAgentAreCheckedInItsOwnSettings() throws IOException {
        live.enable("--agent", "gemini");
        assertThat(live.run("doctor").out())
                .contains("ok       hooks: git hooks and agent hooks installed and current");
        Path settings = workspace.repo.resolve(".gemini/settings.json");
        JsonObject json = new JsonReader().parseObject(Files.readAllBytes(settings));
        Map<String, JsonValue> hooks = new LinkedHashMap<>(json.findObject("hooks").orElseThrow().members());
        hooks.remove("AfterAgent");
        Map<String, JsonValue> edited = new LinkedHashMap<>(json.members());
        edited.put("hooks", new JsonObject(hooks));
        Files.write(settings, JsonWriter.pretty(new JsonObject(edited)));

        CliRun doctor = live.run("doctor");

        assertThat(doctor.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(doctor.out()).contains("problem  hooks: Gemini CLI hook: AfterAgent has no Entire hook",
                "fix: run 'entire enable --force --agent gemini'").doesNotContain("Claude Code hook");
    }

    @Test
    void anAgentsSettingsFileThatCannotBeReadIsNotFixedByEnablingThatAgent() throws IOException {
        Files.createDirectories(workspace.repo.resolve(".gemini"));
        Files.writeString(workspace.repo.resolve(".gemini/settings.json"), "{not json");

        CliRun doctor = live.run("doctor");

        assertThat(doctor.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(doctor.out()).contains("problem  hooks: Gemini CLI hook: " + workspace.repo.resolve(
                ".gemini/settings.json") + " is not valid JSON", "fix: fix the file or move it away; enable and"
                + " disable --uninstall refuse to edit it until then").doesNotContain("--agent gemini");
    }

    @Test
    void aLinkDroppedByAResetAndANewCommitIsFoundWithTheCommitToRelink() throws IOException {
        ClaudeSession session = new ClaudeSession(workspace, Sandbox.SESSION_A);
        session.prompt("Write the parser").write("parser.txt", "parse\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();
        live.userGit.run("add", "parser.txt");
        live.userGit.run("commit", "-q", "-m", "Parser");
        String id = live.headCheckpoint().orElseThrow();
        live.userGit.run("reset", "-q", "--soft", "HEAD~1");
        live.userGit.run("commit", "-q", "-m", "Parser, said better");
        assertThat(live.headCheckpoint()).isEmpty();
        String head = workspace.head().substring(0, 7);

        CliRun doctor = live.run("doctor", "--json");

        JsonObject link = (JsonObject) json(doctor).findArray("lost_links").orElseThrow().elements().get(0);
        assertThat(link.findString("kind")).contains("dropped_trailer");
        assertThat(link.findString("checkpoint_id")).contains(id);
        assertThat(link.findString("replacement")).contains(workspace.head());
        assertThat(live.run("doctor").out()).contains("fix: entire link " + head + " " + id);

        assertThat(live.run("link", head, id).exitCode()).isZero();
        assertThat(live.run("doctor").out()).contains("ok       links: every checkpoint link of the current branch"
                + " resolves");
    }

    private static JsonObject json(CliRun run) {
        return new JsonReader().parseObject(run.out().getBytes(StandardCharsets.UTF_8));
    }

    /** Moves a session's last hook into the past, as if the agent went quiet that long ago. */
    private void age(String sessionId, Duration by) throws IOException {
        Path file = workspace.repo.resolve(".git/entire-sessions").resolve(sessionId + ".json");
        JsonObject state = new JsonReader().parseObject(Files.readAllBytes(file));
        Map<String, JsonValue> members = new LinkedHashMap<>(state.members());
        members.put("updated_at", new JsonString(Timestamps.format(Instant.now().minus(by))));
        Files.write(file, JsonWriter.pretty(new JsonObject(members)));
    }
}
