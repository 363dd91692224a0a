package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.Git;
import io.entire.core.json.JsonLinesReader;
import io.entire.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live capture's decisions, each against a real repository whose git hooks run the CLI under test. */
class LiveCaptureTest {
    private static final String SESSION_B = "9d440bfc-a64f-43be-aa10-10a3764a59ea";

    @TempDir
    Path temp;
    Sandbox workspace;
    LiveCapture live;
    ExecutorService executor;

    @BeforeEach
    void setUp() throws IOException {
        live = LiveCapture.enabledWithReadme(temp.resolve("work"));
        workspace = live.workspace;
        executor = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
    }

    @Test
    void twoConcurrentSessionsCommitSeparatelyAndEachLandsInItsOwnCheckpoint() throws Exception {
        ClaudeSession alpha = new ClaudeSession(workspace, Sandbox.SESSION_A);
        ClaudeSession beta = new ClaudeSession(workspace, SESSION_B);
        alpha.prompt("Write alpha.txt");
        beta.prompt("Write beta.txt");
        alpha.write("src/alpha.txt", "alpha\n").say("Wrote alpha.");
        beta.write("src/beta.txt", "beta\n").say("Wrote beta.");
        Future<CliRun> alphaStop = executor.submit(alpha::stop);
        Future<CliRun> betaStop = executor.submit(beta::stop);
        assertThat(alphaStop.get().exitCode()).isZero();
        assertThat(betaStop.get().exitCode()).isZero();
        assertThat(live.shadowBranches()).as("one shared shadow branch for the work tree").hasSize(1);
        assertThat(workspace.git.run("ls-tree", "-r", "--name-only", live.shadowBranches().get(0)).text().lines())
                .as("both sessions' snapshots survived the race").contains("src/alpha.txt", "src/beta.txt");

        live.userGit.run("add", "src/beta.txt");
        live.userGit.run("commit", "-q", "-m", "Beta");
        String betaCheckpoint = live.headCheckpoint().orElseThrow();
        live.userGit.run("add", "src/alpha.txt");
        live.userGit.run("commit", "-q", "-m", "Alpha");
        String alphaCheckpoint = live.headCheckpoint().orElseThrow();

        assertThat(sessionsOf(betaCheckpoint)).containsExactly(SESSION_B);
        assertThat(live.checkpointJson(betaCheckpoint, "metadata.json").strings("files_touched"))
                .containsExactly("src/beta.txt");
        assertThat(sessionsOf(alphaCheckpoint)).containsExactly(Sandbox.SESSION_A);
        assertThat(live.checkpointJson(alphaCheckpoint, "metadata.json").strings("files_touched"))
                .containsExactly("src/alpha.txt");
        assertThat(live.shadowBranches()).isEmpty();
    }

    @Test
    void anUnreadableOwedMarkIsSetAsideAndTheCommitsAfterItGetTheirCheckpoints() throws IOException {
        Path owed = Files.createDirectories(workspace.repo.resolve(".git/entire-owed"));
        Files.writeString(owed.resolve("0123456789ab.json"), "{\"checkpoint_id\": ");   // cut short on disk
        ClaudeSession session = new ClaudeSession(workspace, Sandbox.SESSION_A);
        session.prompt("Write the parser").write("parser.txt", "parse\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();

        live.agentGit.run("add", "parser.txt");
        live.agentGit.run("commit", "-q", "-m", "Parser");

        String id = live.headCheckpoint().orElseThrow();
        assertThat(live.checkpointJson(id, "0/metadata.json").strings("files_touched")).containsExactly("parser.txt");
        assertThat(Arrays.stream(owed.toFile().list()).sorted()).as("kept, beside the marks, under another name")
                .singleElement().asString().startsWith("0123456789ab.json.").endsWith(".unreadable");
        CliRun doctor = live.run("doctor");
        assertThat(doctor.exitCode()).isEqualTo(1);
        assertThat(doctor.out()).contains("owed-checkpoint mark", "0123456789ab.json.", "entire attach");
    }

    @Test
    void aCommitOfUnrelatedFilesIsNotLinked() throws IOException {
        ClaudeSession session = new ClaudeSession(workspace, Sandbox.SESSION_A);
        session.prompt("Write the parser").write("parser.txt", "parse\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();
        Path mine = Files.writeString(workspace.repo.resolve("mine.txt"), "mine\n");
        Files.setLastModifiedTime(mine, FileTime.from(Instant.now().minusSeconds(60)));

        live.userGit.run("add", "mine.txt");
        live.userGit.run("commit", "-q", "-m", "My own change");

        assertThat(live.headCheckpoint()).as(workspace.headMessage()).isEmpty();
        assertThat(workspace.checkpointTip()).as("no checkpoint written").isEmpty();
        assertThat(live.shadowBranches()).as("the agent's work moved onto the new HEAD")
                .containsExactly("entire/" + workspace.head().substring(0, 7) + "-e3b0c4");

        live.agentGit.run("add", "parser.txt");
        live.agentGit.run("commit", "-q", "-m", "Parser");
        String id = live.headCheckpoint().orElseThrow();
        assertThat(live.checkpointJson(id, "0/metadata.json").strings("files_touched")).containsExactly("parser.txt");
    }

    @Test
    void aFileWhoseNameHoldsANewlineIsRecordedWithTheRestOfTheTurn() {
        ClaudeSession session = new ClaudeSession(workspace, Sandbox.SESSION_A);
        session.prompt("Write the notes").write("notes\nv2.txt", "odd\n").write("ok.txt", "ok\n").say("Done.");

        CliRun stop = session.stop();

        assertThat(stop.exitCode()).isZero();
        assertThat(stop.err()).isEmpty();
        assertThat(workspace.git.run("ls-tree", "-r", "-z", "--name-only", live.shadowBranches().get(0)).text()
                .split("\0")).as("the step's snapshot holds both files").contains("notes\nv2.txt", "ok.txt");
        live.agentGit.run("add", "--all");
        live.agentGit.run("commit", "-q", "-m", "Notes");
        String id = live.headCheckpoint().orElseThrow();
        assertThat(live.checkpointJson(id, "0/metadata.json").strings("files_touched"))
                .containsExactlyInAnyOrder("notes\nv2.txt", "ok.txt");
    }

    @Test
    void anAgentCommitInTheMiddleOfATurnIsFinalizedAtTheTurnsStop() {
        ClaudeSession session = new ClaudeSession(workspace, Sandbox.SESSION_A);
        String id = commitMidTurn(session);

        assertThat(session.stop().exitCode()).isZero();

        assertFinalized(id, session);
        assertThat(live.checkpointJson(id, "0/metadata.json").strings("files_touched")).containsExactly("lexer.txt");
    }

    @Test
    void anAgentCommitInTheMiddleOfATurnIsFinalizedWhenTheSessionEndsWithoutThatStop() {
        ClaudeSession session = new ClaudeSession(workspace, Sandbox.SESSION_A);
        String id = commitMidTurn(session);

        assertThat(session.end().exitCode()).isZero();

        assertFinalized(id, session);
        assertDone(Sandbox.SESSION_A);
    }

    /** The agent writes and commits a file mid-turn (a checkpoint of the turn so far), then says it did. */
    private String commitMidTurn(ClaudeSession session) {
        session.prompt("Write and commit the lexer").write("lexer.txt", "lex\n");
        live.agentGit.run("add", "lexer.txt");
        live.agentGit.run("commit", "-q", "-m", "Lexer");
        String id = live.headCheckpoint().orElseThrow(() -> new AssertionError("the agent's own commit is linked"));
        assertThat(live.checkpointFile(id, "0/full.jsonl").lines()).hasSize((int) session.lines());
        session.say("Committed the lexer.");
        return id;
    }

    private void assertFinalized(String id, ClaudeSession session) {
        assertThat(workspace.git.run("log", "-1", "--format=%s", "entire/checkpoints/v1").text())
                .isEqualTo("Finalize transcript for Checkpoint: " + id);
        assertThat(live.checkpointFile(id, "0/full.jsonl").lines()).hasSize((int) session.lines())
                .last().asString().contains("Committed the lexer.");
    }

    @Test
    void aBrokenHookPayloadChangesNothingAndExitsZero() {
        String refsBefore = workspace.git.run("for-each-ref").text();
        for (String payload : List.of("{not json", "", "[]", "{}", "{\"session_id\": 42}",
                "{\"session_id\": \"../../etc/passwd\", \"transcript_path\": \"/tmp/x\"}",
                "{\"session_id\": \"7a1b2c3d-0001-4e5f-8a9b-000000000009\", \"transcript_path\": 7}",
                "{\"session_id\": \"7a1b2c3d-0001-4e5f-8a9b-000000000009\", \"prompt\": [\"hi\"]}")) {
            for (String verb : List.of("session-start", "user-prompt-submit", "stop", "session-end")) {
                CliRun run = CliRun.run(workspace.repo, live.env(), payload.getBytes(StandardCharsets.UTF_8),
                        "hooks", "claude-code", verb);
                assertThat(run.exitCode()).as(verb + " " + payload).isZero();
                assertThat(run.out()).as("stdout of " + verb + " with " + payload).isEmpty();
            }
        }
        assertThat(live.sessionFiles()).isEmpty();
        assertThat(workspace.git.run("for-each-ref").text()).isEqualTo(refsBefore);
        assertThat(log()).contains("hook payload ignored", "transcript_path is a number, not a string",
                "prompt is an array, not a string");
    }

    @Test
    void disabledEntireMakesEveryHookANoOp() {
        assertThat(live.run("disable").exitCode()).isZero();
        ClaudeSession session = new ClaudeSession(workspace, Sandbox.SESSION_A);
        assertThat(session.start().out()).isEmpty();
        session.prompt("Write notes").write("notes.txt", "n\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();
        live.agentGit.run("add", "notes.txt");
        live.agentGit.run("commit", "-q", "-m", "Notes");
        assertThat(session.end().exitCode()).isZero();

        assertThat(live.headCheckpoint()).isEmpty();
        assertThat(live.sessionFiles()).isEmpty();
        assertThat(live.shadowBranches()).isEmpty();
        assertThat(workspace.checkpointTip()).isEmpty();
        assertThat(workspace.repo.resolve(".entire/logs/entire.log")).doesNotExist();
    }

    @Test
    void aSessionEndedWithWorkLeftIsStillLinkedAtTheCommitAndThenForgotten() {
        ClaudeSession session = new ClaudeSession(workspace, Sandbox.SESSION_A);
        session.prompt("Write the docs").write("docs.md", "docs\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();
        assertThat(session.end().exitCode()).isZero();
        assertThat(live.sessionFiles()).containsExactly(Sandbox.SESSION_A + ".json");

        live.userGit.run("add", "docs.md");
        live.userGit.run("commit", "-q", "-m", "Docs");

        assertThat(live.headCheckpoint()).isPresent();
        assertDone(Sandbox.SESSION_A);
    }

    @Test
    void aSessionDoneForMoreThanAMonthIsForgottenAtTheNextCommit() throws IOException {
        ClaudeSession session = new ClaudeSession(workspace, Sandbox.SESSION_A);
        session.prompt("Write the docs").write("docs.md", "docs\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();
        assertThat(session.end().exitCode()).isZero();
        live.userGit.run("add", "docs.md");
        live.userGit.run("commit", "-q", "-m", "Docs");
        assertDone(Sandbox.SESSION_A);
        Path state = workspace.repo.resolve(".git/entire-sessions/" + Sandbox.SESSION_A + ".json");
        Files.writeString(state, Files.readString(state).replaceFirst("\"updated_at\": \"[^\"]+\"",
                "\"updated_at\": \"" + Instant.now().minus(Duration.ofDays(31)) + "\""));

        Files.writeString(workspace.repo.resolve("mine.txt"), "mine\n");
        live.userGit.run("add", "mine.txt");
        live.userGit.run("commit", "-q", "-m", "Mine");

        assertThat(live.sessionFiles()).as("Claude Code keeps no transcript that long: nothing to resume").isEmpty();
    }

    @Test
    void aCheckpointRetriedForASessionThatFailedLeavesTheSessionsThatMovedOnWhereTheyAre() throws IOException {
        ClaudeSession alpha = new ClaudeSession(workspace, Sandbox.SESSION_A);
        ClaudeSession beta = new ClaudeSession(workspace, SESSION_B);
        alpha.prompt("Write alpha.txt and gamma.txt").write("src/alpha.txt", "alpha\n")
                .write("src/gamma.txt", "gamma\n").say("Wrote both.");
        beta.prompt("Write beta.txt").write("src/beta.txt", "beta\n").say("Wrote beta.");
        String first = commitWhileBetaFails(alpha, beta);
        String second = live.headCheckpoint().orElseThrow();
        String head = workspace.head();
        assertThat(live.sessionState(Sandbox.SESSION_A).findString("last_checkpoint_id")).contains(second);

        alpha.prompt("Anything else?");   // its hook retries the first checkpoint for beta

        JsonObject state = live.sessionState(Sandbox.SESSION_A);
        assertThat(state.findString("last_checkpoint_id")).as("not taken back into the first checkpoint")
                .contains(second);
        assertThat(state.findString("base_commit")).as("still on the commit it moved onto").contains(head);
        assertThat(sessionsOf(first)).containsExactly(Sandbox.SESSION_A);
    }

    /**
     * A session whose part of a checkpoint failed (beta, a transcript line too long) while later commits moved the
     * work tree's sessions on: once the retry writes it, it stays on the commit it moved onto, and the shadow branch of
     * that commit, which holds another session's work carried onto it, stays.
     */
    @Test
    void aSessionWrittenLateIntoAnOlderCheckpointStaysWhereLaterCommitsMovedItAndSoDoesTheirShadowBranch()
            throws IOException {
        ClaudeSession alpha = new ClaudeSession(workspace, Sandbox.SESSION_A);
        ClaudeSession beta = new ClaudeSession(workspace, SESSION_B);
        alpha.prompt("Write alpha.txt, gamma.txt and delta.txt").write("src/alpha.txt", "alpha\n")
                .write("src/gamma.txt", "gamma\n").write("src/delta.txt", "delta\n").say("Wrote them.");
        beta.prompt("Write beta.txt").write("src/beta.txt", "beta\n").say("Wrote beta.");
        long written = Files.size(beta.transcript);
        String first = commitWhileBetaFails(alpha, beta);
        String head = workspace.head();
        String carried = "entire/" + head.substring(0, 7) + "-e3b0c4";
        assertThat(live.shadowBranches()).as("delta.txt, carried onto the new HEAD").containsExactly(carried);
        try (FileChannel transcript = FileChannel.open(beta.transcript, StandardOpenOption.WRITE)) {
            transcript.truncate(written);   // what made beta fail is gone
        }

        alpha.prompt("Anything else?");   // its hook retries the first checkpoint for beta, which now succeeds

        assertThat(sessionsOf(first)).containsExactlyInAnyOrder(Sandbox.SESSION_A, SESSION_B);
        assertThat(live.sessionState(SESSION_B).findString("base_commit")).as("beta stays where the commits moved it")
                .contains(head);
        assertThat(live.shadowBranches()).as("alpha's carried work stays").containsExactly(carried);
    }

    @Test
    void amongHundredsOfDoneSessionsTheEndedOneWhoseWorkTheCommitTakesIsCondensedAndNoOtherIsTouched()
            throws IOException {
        ClaudeSession earlier = new ClaudeSession(workspace, SESSION_B);
        earlier.prompt("Write the notes").write("notes.md", "notes\n").say("Done.");
        assertThat(earlier.stop().exitCode()).isZero();
        assertThat(earlier.end().exitCode()).isZero();
        live.userGit.run("add", "notes.md");
        live.userGit.run("commit", "-q", "-m", "Notes");
        assertDone(SESSION_B);
        Path states = workspace.repo.resolve(".git/entire-sessions");
        String done = Files.readString(states.resolve(SESSION_B + ".json"));
        List<String> copies = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String id = "%s-%012d".formatted(SESSION_B.substring(0, 23), i);
            Files.writeString(states.resolve(id + ".json"), done.replace(SESSION_B, id));
            copies.add(id + ".json");
        }
        ClaudeSession session = new ClaudeSession(workspace, Sandbox.SESSION_A);
        session.prompt("Write the docs").write("docs.md", "docs\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();
        assertThat(session.end().exitCode()).as("ended with its work not committed").isZero();
        Path copy = states.resolve(copies.get(0));
        FileTime copied = Files.getLastModifiedTime(copy);

        live.userGit.run("add", "docs.md");
        live.userGit.run("commit", "-q", "-m", "Docs");

        String id = live.headCheckpoint().orElseThrow();
        assertThat(sessionsOf(id)).containsExactly(Sandbox.SESSION_A);
        assertDone(Sandbox.SESSION_A);
        assertThat(live.sessionFiles()).containsAll(copies).hasSize(302);
        assertThat(Files.getLastModifiedTime(copy)).isEqualTo(copied);
        assertThat(Files.readAllLines(states.resolve("done-sessions.cache"))).as("the done sessions a hook skips")
                .hasSize(301);
    }

    @Test
    void quietSessionsMoveOntoEachCommitAndAreLeftUnreadWhileTheyAreOnIt() throws IOException {
        ClaudeSession asker = new ClaudeSession(workspace, SESSION_B);
        asker.prompt("Explain the readme").say("It says hello.");
        assertThat(asker.stop().exitCode()).as("between turns, no step: quiet").isZero();
        Path states = workspace.repo.resolve(".git/entire-sessions");
        String quiet = Files.readString(states.resolve(SESSION_B + ".json"));
        List<String> copies = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String id = "%s-%012d".formatted(SESSION_B.substring(0, 23), i);
            Files.writeString(states.resolve(id + ".json"), quiet.replace(SESSION_B, id));
            copies.add(id);
        }
        String before = workspace.head();
        ClaudeSession session = new ClaudeSession(workspace, Sandbox.SESSION_A);
        session.prompt("Write the docs").write("docs.md", "docs\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();

        live.userGit.run("add", "docs.md");
        live.userGit.run("commit", "-q", "-m", "Docs");

        String head = workspace.head();
        assertThat(copies).allSatisfy(id -> assertThat(live.sessionState(id).findString("base_commit"))
                .as("moved onto the commit").contains(head));
        assertThat(live.run("hooks", "git", "post-commit").exitCode()).as("reads each moved state once").isZero();
        // Said to be based elsewhere, with the size, file and time the state had: only a read would tell.
        Path copy = states.resolve(copies.get(0) + ".json");
        FileTime moved = Files.getLastModifiedTime(copy);
        Files.writeString(copy, Files.readString(copy).replace(head, before));
        Files.setLastModifiedTime(copy, moved);

        assertThat(live.run("hooks", "git", "post-commit").exitCode()).isZero();

        assertThat(Files.getLastModifiedTime(copy)).as("not read, so not moved").isEqualTo(moved);
        assertThat(live.sessionState(copies.get(0)).findString("base_commit")).contains(before);
    }

    /** All the session's work is committed: only its place in the transcript is kept, for a resume. */
    private void assertDone(String sessionId) {
        JsonObject state = live.sessionState(sessionId);
        assertThat(state.findString("phase")).as(state.toString()).contains("ended");
        assertThat(state.findArray("steps").orElseThrow().elements()).as(state.toString()).isEmpty();
        assertThat(state.member("finalization").isNull()).as(state.toString()).isTrue();
    }

    @Test
    void aSessionInALinkedWorktreeGetsItsOwnShadowBranchAndIsLinkedThere() throws Exception {
        live.userGit.run("add", ".entire", ".claude");
        live.userGit.run("commit", "-q", "-m", "Enable Entire");
        Path linkedPath = temp.resolve("linked");
        workspace.git.run("worktree", "add", "-q", "-b", "feature", linkedPath.toString());
        Sandbox linked = Sandbox.existing(linkedPath.toRealPath(), workspace.claudeConfig);
        ClaudeSession session = new ClaudeSession(linked, Sandbox.SESSION_A);
        session.prompt("Write the feature").write("feature.txt", "feature\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();
        String worktreeHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("linked".getBytes(StandardCharsets.UTF_8)), 0, 3);
        assertThat(live.shadowBranches()).containsExactly("entire/" + linked.head().substring(0, 7) + "-"
                + worktreeHash);

        Git linkedAgent = new Git(linked.repo, Map.of("CLAUDECODE", "1"));
        linkedAgent.run("add", "feature.txt");
        linkedAgent.run("commit", "-q", "-m", "Feature");

        assertThat(linked.headMessage()).contains("Entire-Checkpoint: ");
        assertThat(workspace.headMessage()).as("the main worktree's branch is untouched")
                .doesNotContain("Entire-Checkpoint");
        assertThat(live.shadowBranches()).isEmpty();
        assertThat(workspace.checkpointTip()).isNotEmpty();
    }

    @Test
    void aMessageCommitOnATerminalAsksAndTheAnswerAlwaysIsRemembered() throws Exception {
        Path script = Path.of("/usr/bin/script");
        Assumptions.assumeTrue(Files.isExecutable(script), "util-linux script gives the commit a terminal");
        ClaudeSession session = new ClaudeSession(workspace, Sandbox.SESSION_A);
        session.prompt("Write a.txt").write("a.txt", "a\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();
        live.userGit.run("add", "a.txt");

        ProcessBuilder builder = new ProcessBuilder(script.toString(), "-qec", "git commit -q -m 'Add a'", "/dev/null")
                .directory(workspace.repo.toFile()).redirectErrorStream(true);
        for (String variable : List.of("CI", "CLAUDECODE", "ENTIRE_NO_TTY")) {
            builder.environment().remove(variable);
        }
        Process commit = builder.start();
        try (var in = commit.getOutputStream()) {
            in.write("a\n".getBytes(StandardCharsets.UTF_8));
        }
        String terminal = new String(commit.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(commit.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(terminal).contains("Last prompt: Write a.txt",
                "Link this commit to Claude Code session context? [Y/n/a]");
        assertThat(live.headCheckpoint()).as(terminal).isPresent();
        assertThat(Files.readString(workspace.repo.resolve(".entire/settings.local.json")))
                .contains("\"commit_linking\": \"always\"");
    }

    /** The session ids of a checkpoint's slots, in slot order. */
    /**
     * The two turns stop; beta's transcript then gains a line longer than any transcript may hold, so its part of each
     * checkpoint fails and the checkpoint stays owed for the next hooks to retry. Alpha's src/alpha.txt and beta's
     * src/beta.txt are committed, then alpha's src/gamma.txt with {@code --no-verify} (its post-commit retries beta, in
     * vain). The first commit's checkpoint, which holds alpha alone.
     */
    private String commitWhileBetaFails(ClaudeSession alpha, ClaudeSession beta) throws IOException {
        assertThat(alpha.stop().exitCode()).isZero();
        assertThat(beta.stop().exitCode()).isZero();
        try (OutputStream out = Files.newOutputStream(beta.transcript, StandardOpenOption.APPEND)) {
            byte[] block = new byte[1 << 20];
            Arrays.fill(block, (byte) 'x');
            for (int i = 0; i <= JsonLinesReader.DEFAULT_MAX_LINE_LENGTH >> 20; i++) {
                out.write(block);
            }
            out.write('\n');
        }
        live.userGit.run("add", "src/alpha.txt", "src/beta.txt");
        live.userGit.run("commit", "-q", "-m", "Alpha and beta");
        String first = live.headCheckpoint().orElseThrow();
        assertThat(sessionsOf(first)).containsExactly(Sandbox.SESSION_A);
        live.userGit.run("add", "src/gamma.txt");
        live.userGit.run("commit", "-q", "--no-verify", "-m", "Gamma");
        return first;
    }

    private List<String> sessionsOf(String checkpoint) {
        int slots = live.checkpointJson(checkpoint, "metadata.json").findArray("sessions").orElseThrow().elements()
                .size();
        List<String> ids = new ArrayList<>();
        for (int slot = 0; slot < slots; slot++) {
            ids.add(live.checkpointJson(checkpoint, slot + "/metadata.json").findString("session_id").orElseThrow());
        }
        return ids;
    }

    private String log() {
        try {
            return Files.readString(workspace.repo.resolve(".entire/logs/entire.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
