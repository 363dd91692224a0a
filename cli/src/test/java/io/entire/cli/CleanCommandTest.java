package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code entire clean}: what the hooks and killed runs leave behind goes, a live session's work never does. */
class CleanCommandTest {
    private static final String SESSION_B = "9d440bfc-a64f-43be-aa10-10a3764a59ea";
    private static final String ORPHAN = "entire/0000000-e3b0c4";

    @TempDir
    Path temp;
    LiveCapture live;
    Sandbox workspace;
    Path sessions;

    @BeforeEach
    void setUp() throws IOException {
        live = LiveCapture.enabledWithReadme(temp.resolve("work"));
        workspace = live.workspace;
        sessions = workspace.repo.resolve(".git/entire-sessions");
    }

    @Test
    void cleanRemovesLeftoversAndNeverTouchesALiveSession() throws IOException {
        ClaudeSession alpha = new ClaudeSession(workspace, Sandbox.SESSION_A);
        alpha.prompt("Write the parser").write("parser.txt", "parse\n").say("Done.");
        assertThat(alpha.stop().exitCode()).isZero();
        String liveBranch = live.shadowBranches().get(0);
        String liveState = Files.readString(sessions.resolve(Sandbox.SESSION_A + ".json"));
        // An ended session whose transcript is gone, a shadow branch nobody records onto, a lock and a scratch
        // folder of runs that were killed.
        ClaudeSession beta = new ClaudeSession(workspace, SESSION_B);
        beta.prompt("Say hi").say("Hi.");
        assertThat(beta.stop().exitCode()).isZero();
        assertThat(beta.end().exitCode()).isZero();
        Files.delete(beta.transcript);
        workspace.git.run("branch", ORPHAN, "HEAD");
        Files.writeString(sessions.resolve("5e55104d-0000-4000-8000-000000000000.lock"), "");
        Path scratch = Files.createDirectories(workspace.repo.resolve(".git/entire-tmp/space-0123456789abcdef"));
        Files.writeString(scratch.resolve("transcript.jsonl"), "{}\n");
        Files.writeString(scratch.resolveSibling("space-0123456789abcdef.lock"), "");
        Path loose = Files.writeString(scratch.resolveSibling("blob-1.tmp"), "x");
        Files.setLastModifiedTime(loose, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        // The launcher's staging of a prompt whose hook was killed, and one a prompt under way still needs.
        Path staged = Files.writeString(sessions.resolve("launcher-4242.index"), "DIRC");
        Files.setLastModifiedTime(staged, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path staging = Files.writeString(sessions.resolve("launcher-4243.index"), "DIRC");

        CliRun dryRun = live.run("clean");

        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(dryRun.out()).contains("would remove shadow-branch refs/heads/" + ORPHAN,
                "would remove session-state " + sessions.resolve(SESSION_B + ".json"),
                "would remove lock-file " + sessions.resolve("5e55104d-0000-4000-8000-000000000000.lock"),
                "would remove temp-file " + scratch, "would remove temp-file " + loose,
                "would remove temp-file " + staged, "7 item(s); run 'entire clean --force' to remove them.");
        assertThat(dryRun.out()).doesNotContain(liveBranch, Sandbox.SESSION_A, staging.toString());
        assertThat(live.run("checkpoint", "list").exitCode()).isZero();
        assertThat(workspace.git.run("branch", "--list", ORPHAN).text()).as("a dry run removes nothing").isNotEmpty();

        CliRun force = live.run("clean", "--force", "--json");

        assertThat(force.exitCode()).as(force.toString()).isZero();
        JsonObject json = new JsonReader().parseObject(force.out().getBytes(StandardCharsets.UTF_8));
        assertThat(json.findArray("removed").orElseThrow().elements()).hasSize(7);
        assertThat(workspace.git.run("branch", "--list", ORPHAN).text()).isEmpty();
        assertThat(live.shadowBranches()).containsExactly(liveBranch);
        assertThat(sessions.resolve(SESSION_B + ".json")).doesNotExist();
        assertThat(scratch).doesNotExist();
        assertThat(loose).doesNotExist();
        assertThat(staged).doesNotExist();
        assertThat(staging).exists();
        assertThat(Files.readString(sessions.resolve(Sandbox.SESSION_A + ".json"))).isEqualTo(liveState);
        assertThat(live.run("clean").out()).contains("Nothing to clean.");

        // The live session's work is still whole: committing it writes its checkpoint.
        live.userGit.run("add", "parser.txt");
        live.userGit.run("commit", "-q", "-m", "Parser");
        String id = live.headCheckpoint().orElseThrow();
        assertThat(live.checkpointJson(id, "0/metadata.json").findString("session_id")).contains(Sandbox.SESSION_A);
    }

    @Test
    void cleaningALiveSessionIsRefusedAndAnEndedOneByIdGoes() throws IOException {
        ClaudeSession alpha = new ClaudeSession(workspace, Sandbox.SESSION_A);
        alpha.prompt("Write the parser").write("parser.txt", "parse\n").say("Done.");
        assertThat(alpha.stop().exitCode()).isZero();
        String liveBranch = live.shadowBranches().get(0);

        CliRun refused = live.run("clean", "--session", Sandbox.SESSION_A, "--force");

        assertThat(refused.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(refused.err()).contains("session " + Sandbox.SESSION_A + " is live",
                "entire session stop " + Sandbox.SESSION_A);
        assertThat(live.shadowBranches()).containsExactly(liveBranch);
        assertThat(sessions.resolve(Sandbox.SESSION_A + ".json")).exists();

        assertThat(live.run("session", "stop", Sandbox.SESSION_A).exitCode()).isZero();
        // What a checkpoint of a long transcript keeps beside the state: it goes with it.
        Files.writeString(sessions.resolve(Sandbox.SESSION_A + ".redacted.jsonl"), "{}\n");
        Files.writeString(sessions.resolve(Sandbox.SESSION_A + ".redacted-prefix"), "{}\n");
        CliRun clean = live.run("clean", "--session", Sandbox.SESSION_A, "--force");

        assertThat(clean.exitCode()).as(clean.toString()).isZero();
        assertThat(clean.out()).contains("Removed 2 item(s).");
        assertThat(live.shadowBranches()).isEmpty();
        assertThat(sessions.resolve(Sandbox.SESSION_A + ".json")).doesNotExist();
        assertThat(sessions.resolve(Sandbox.SESSION_A + ".redacted.jsonl")).doesNotExist();
        assertThat(sessions.resolve(Sandbox.SESSION_A + ".redacted-prefix")).doesNotExist();
    }

    @Test
    void aSessionStateItCannotReadKeepsEveryShadowBranch() throws IOException {
        workspace.git.run("branch", ORPHAN, "HEAD");
        // The Go tool's state of a session running now, in its own field names.
        Files.createDirectories(sessions);
        Files.writeString(sessions.resolve("6f1e7c1a-0000-4000-8000-000000000000.json"),
                "{\"session_id\": \"6f1e7c1a-0000-4000-8000-000000000000\", \"agent_type\": \"Claude Code\","
                        + " \"phase\": \"active\"}\n");

        CliRun clean = live.run("clean", "--force");

        assertThat(clean.exitCode()).as(clean.toString()).isZero();
        assertThat(clean.err()).contains("shadow branches kept: the state of session(s)"
                + " 6f1e7c1a-0000-4000-8000-000000000000 cannot be read");
        assertThat(workspace.git.run("branch", "--list", ORPHAN).text()).isNotEmpty();
        assertThat(sessions.resolve("6f1e7c1a-0000-4000-8000-000000000000.json")).exists();
    }
}
