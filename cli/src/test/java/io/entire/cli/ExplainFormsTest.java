package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.Git;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code explain --short} and {@code --full}, and the summary the Go tool stores, over real checkpoints. */
class ExplainFormsTest {
    /** A checkpoint of the Go tool's sample whose two sessions carry the summary {@code explain --generate} stored. */
    private static final String SUMMARIZED = "0e053674f90a";
    private static final String INTENT = "Consolidate logging from per-session files";

    @TempDir
    Path temp;

    @Test
    void fullShowsTheConversationTurnByTurnWithTheFilesOfEachToolCall() {
        Sandbox workspace = new Sandbox(temp).commit("Use strings.Contains");
        workspace.fixtureTranscript(Sandbox.SESSION_A);
        assertThat(workspace.run("attach", Sandbox.SESSION_A, "--force").exitCode()).isZero();

        CliRun full = workspace.run("explain", "--full");

        assertThat(full.exitCode()).as(full.err()).isZero();
        assertThat(full.out()).contains("Conversation of session 0: " + Sandbox.SESSION_A + "  Claude Code",
                "Turn 1\n  > Replace the custom string contains implementation",
                "  * Edit /Users/paul/src/entireio/20260205-cli/cmd/entire/cli/settings/settings_test.go",
                "  * Bash\n", "  Done. Replaced the three custom functions");
        assertThat(full.out().indexOf("> Replace the custom")).isLessThan(full.out().indexOf("* Edit"));
    }

    @Test
    void fullReadsACheckpointTheGoToolStoredWithoutACompactTranscript() {
        Path repo = sample();

        CliRun full = CliRun.run(repo, Map.of(), "explain", SUMMARIZED, "--full");

        assertThat(full.exitCode()).as(full.err()).isZero();
        assertThat(full.out()).contains("Conversation of session 0:", "Conversation of session 1:", "Turn 1\n  > ",
                "  * Edit ");
    }

    @Test
    void theStoredSummaryIsShownInTextAndInJson() {
        Path repo = sample();

        CliRun text = CliRun.run(repo, Map.of(), "explain", SUMMARIZED);
        CliRun json = CliRun.run(repo, Map.of(), "explain", SUMMARIZED, "--json");

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("  intent:     " + INTENT, "  outcome:    Successfully implemented",
                "  learned:    - ", "cmd/entire/cli/logging/logger.go:118-122: Session ID validation");
        JsonObject session = (JsonObject) new JsonReader().parseObject(json.out().getBytes(StandardCharsets.UTF_8))
                .findArray("sessions").orElseThrow().elements().get(0);
        JsonValue summary = session.member("summary");
        assertThat(summary.member("intent").stringValue()).startsWith(INTENT);
        assertThat(summary.member("learnings").member("code").elements().get(0).member("line").truncatedLong())
                .isEqualTo(118);
    }

    @Test
    void shortFitsOneScreenAndLeadsWithTheIntent() {
        Path repo = sample();

        CliRun brief = CliRun.run(repo, Map.of(), "explain", SUMMARIZED, "--short");

        assertThat(brief.exitCode()).as(brief.err()).isZero();
        assertThat(brief.out().lines()).hasSizeLessThanOrEqualTo(24).allSatisfy(line -> assertThat(line.length())
                .isLessThanOrEqualTo(120));
        assertThat(brief.out()).startsWith("Checkpoint " + SUMMARIZED).contains("  intent:  " + INTENT,
                "  outcome: ", "  Claude Code: ", "  commit ");
    }

    @Test
    void theFormsAreOneAtATime() {
        Path repo = sample();

        CliRun both = CliRun.run(repo, Map.of(), "explain", SUMMARIZED, "--full", "--json");

        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--json and --full");
        assertThat(both.out()).isEmpty();
    }

    @Test
    void headOfARepositoryWithoutCommitsIsNamedForWhatItIs() {
        Sandbox workspace = new Sandbox(temp);

        CliRun explain = workspace.run("explain", "HEAD");

        assertThat(explain.exitCode()).isEqualTo(1);
        assertThat(explain.err()).isEqualTo("entire: HEAD names no commit: this repository has no commits yet\n");
    }

    @Test
    void blameAndTraceExportBeforeTheFirstCommitSayThatRatherThanQuoteGit() throws Exception {
        Sandbox workspace = new Sandbox(temp);
        Files.writeString(workspace.repo.resolve("notes.txt"), "one\n");

        CliRun blame = workspace.run("blame", "notes.txt");
        CliRun trace = workspace.run("trace", "export");

        assertThat(blame.exitCode()).isEqualTo(2);
        assertThat(blame.err()).isEqualTo("entire: cannot blame 'notes.txt': this repository has no commits yet\n");
        assertThat(trace.exitCode()).isEqualTo(2);
        assertThat(trace.err()).isEqualTo(
                "entire: 'HEAD' is not a commit range git knows: this repository has no commits yet\n");

        workspace.git.run("add", "notes.txt");
        workspace.git.run("commit", "-q", "-m", "Notes");
        workspace.git.run("checkout", "-q", "--orphan", "fresh");
        CliRun orphan = workspace.run("explain", "HEAD");

        assertThat(orphan.err()).isEqualTo("entire: HEAD names no commit: HEAD's branch has no commits yet\n");
    }

    private Path sample() {
        new Git(temp).run("clone", "-q", "-b", "main", Sandbox.FIXTURES.resolve("upstream-v1-sample.bundle")
                .toString(), "sample");
        Path clone = temp.resolve("sample");
        new Git(clone).run("branch", "-q", "entire/checkpoints/v1", "origin/entire/checkpoints/v1");
        return clone;
    }
}
