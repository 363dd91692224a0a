package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BadInputTest {
    @TempDir
    Path temp;
    Sandbox workspace;

    @BeforeEach
    void setUp() {
        workspace = new Sandbox(temp);
    }

    @Test
    void aRepositoryWithoutCommitsIsAClearFailure() {
        workspace.fixtureTranscript(Sandbox.SESSION_A);
        CliRun run = workspace.run("attach", Sandbox.SESSION_A, "--force");
        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(run.err()).contains("no commits yet");
        assertNothingWritten();
    }

    @Test
    void aMissingTranscriptIsAClearFailure() {
        workspace.commit("initial");
        CliRun run = workspace.run("attach", "0000aaaa-0000-0000-0000-000000000000", "--force");
        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(run.err()).contains("no Claude Code transcript for session 0000aaaa-0000-0000-0000-000000000000");
        assertNothingWritten();
    }

    @Test
    void anEmptyTranscriptWritesNothing() {
        workspace.commit("initial");
        workspace.transcript("empty-session", "");
        CliRun run = workspace.run("attach", "empty-session", "--force");
        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(run.err()).contains("no readable lines");
        assertNothingWritten();
    }

    @Test
    void aTranscriptOfOnlyBrokenLinesWritesNothing() {
        workspace.commit("initial");
        workspace.transcript("broken-session", "{not json\n{\"type\":\n]]]\n");
        CliRun run = workspace.run("attach", "broken-session", "--force");
        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(run.err()).contains("3 malformed");
        assertNothingWritten();
    }

    @Test
    void brokenLinesAmongGoodOnesAreSkippedAndCounted() throws Exception {
        workspace.commit("initial");
        String good = java.nio.file.Files.readString(Sandbox.FIXTURES.resolve("claude-code")
                .resolve(Sandbox.SESSION_A + ".jsonl"));
        workspace.transcript("mixed-session", "{broken\n" + good + "also broken\n");
        CliRun run = workspace.run("attach", "mixed-session", "--force");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("skipped 2 malformed line(s)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escape", "a/b", "..", ".hidden", "x y"})
    void unsafeSessionIdsAreUsageErrors(String sessionId) {
        workspace.commit("initial");
        CliRun run = workspace.run("attach", sessionId, "--force");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("invalid session id");
        assertNothingWritten();
    }

    @Test
    void anUnknownAgentIsAUsageError() {
        workspace.commit("initial");
        CliRun run = workspace.run("attach", Sandbox.SESSION_A, "--agent", "cursor");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("unknown agent 'cursor'; supported: claude-code");
    }

    @Test
    void explainOfSomethingThatCannotBeAnIdNorIsACommitIsAUsageError() {
        workspace.commit("initial");
        CliRun run = workspace.run("explain", "zz-not-an-id");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("entire: 'zz-not-an-id' is neither a checkpoint id nor a commit;"
                + " 'entire checkpoint list' shows the ids\n");
    }

    @Test
    void explainOfATooShortPrefixSaysSo() {
        workspace.commit("initial");
        CliRun run = workspace.run("explain", "ab");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).isEqualTo("entire: 'ab' is too short for a checkpoint id prefix:"
                + " give at least 4 characters\n");
    }

    @Test
    void explainOfAWellFormedIdNoStoreHoldsFails() {
        workspace.commit("initial");
        CliRun run = workspace.run("explain", "abcdef123456");
        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(run.err()).startsWith("entire: no checkpoint abcdef123456 in this repository");
    }

    @Test
    void explainOfACommitWithoutTrailerSaysSo() {
        workspace.commit("plain commit");
        CliRun run = workspace.run("explain", "HEAD");
        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(run.err()).contains("has no Entire-Checkpoint trailer");
    }

    @Test
    void anUnknownFlagIsAUsageErrorWithASuggestion() {
        CliRun run = workspace.run("checkpoint", "list", "--jsn");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("Unknown option: '--jsn'").contains("--json");
    }

    @Test
    void outsideARepositoryIsAClearFailure() {
        CliRun run = CliRun.run(temp, workspace.env(), "checkpoint", "list");
        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(run.err()).contains("is not inside a git repository");
    }

    @Test
    void versionPrintsVersionAndBuild() {
        assertThat(workspace.run("--version").out()).startsWith("entire ").contains("(build ");
        assertThat(workspace.run("version").out()).startsWith("entire ").contains("(build ");
    }

    private void assertNothingWritten() {
        assertThat(workspace.checkpointTip()).isEmpty();
        assertThat(workspace.git.run("for-each-ref").text()).doesNotContain("entire");
    }
}
