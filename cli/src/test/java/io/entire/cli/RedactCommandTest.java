package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint a session stored before the project added a redaction pattern, cleaned as a user would. */
class RedactCommandTest {
    private static final String LICENCE = "ACME-1234-5678";

    @TempDir
    Path temp;

    @Test
    void verifyNamesTheCheckpointRedactRewritesItAndVerifyIsCleanAfterwards() throws IOException {
        LiveCapture live = LiveCapture.enabledWithReadme(temp.resolve("work"));
        ClaudeSession session = new ClaudeSession(live.workspace, Sandbox.SESSION_A);
        session.prompt("Renew licence " + LICENCE).write("licence.txt", "renewed\n").say("Renewed " + LICENCE + ".");
        assertThat(session.stop().exitCode()).isZero();
        live.userGit.run("add", "licence.txt");
        live.userGit.run("commit", "-q", "-m", "Licence");
        String id = live.headCheckpoint().orElseThrow();
        Path settings = live.workspace.repo.resolve(".entire/settings.json");
        Files.writeString(settings, Files.readString(settings).replaceFirst("\\{",
                "{\"redaction\": {\"patterns\": [\"ACME-[0-9]{4}-[0-9]{4}\"]},"));

        CliRun verify = live.run("doctor", "verify");

        assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(verify.out()).doesNotContain(LICENCE)
                .contains(id + " (branch): 0/full.jsonl line", ": match of redaction.patterns; run 'entire redact"
                        + " --rewrite " + id + "'", id + " (branch): 0/prompt.txt line 1: match of redaction.patterns");
        String filesBefore = live.workspace.git.run("ls-tree", "-r", "entire/checkpoints/v1").text();

        CliRun redact = live.run("redact", "--rewrite", id);

        assertThat(redact.exitCode()).as(redact.toString()).isZero();
        assertThat(redact.out()).startsWith("Redacted checkpoint " + id + " on refs/heads/entire/checkpoints/v1: ")
                .contains("0/full.jsonl", "0/prompt.txt", "0/content_hash.txt");
        assertThat(redact.err()).contains("  refs/heads/entire/checkpoints/v1", "entire checkpoint push", "rotate");
        assertThat(live.run("doctor", "verify").exitCode()).isZero();
        assertThat(live.checkpointFile(id, "0/full.jsonl")).doesNotContain(LICENCE).contains("Renewed REDACTED.");
        String filesAfter = live.workspace.git.run("ls-tree", "-r", "entire/checkpoints/v1").text();
        assertThat(filesAfter.lines().filter(line -> !filesBefore.contains(line)))
                .allMatch(line -> line.endsWith("/0/full.jsonl") || line.endsWith("/0/prompt.txt")
                        || line.endsWith("/0/content_hash.txt") || line.endsWith("/0/transcript.jsonl")
                        || line.endsWith("/0/metadata.json"));
        assertThat(live.checkpointFile(id, "0/metadata.json")).as("its initial_attribution names the prompts")
                .doesNotContain(LICENCE);
        CliRun again = live.run("redact", "--rewrite", "--all");
        assertThat(again.out()).isEqualTo("No stored checkpoint holds anything today's rules redact; nothing"
                + " changed\n");
    }

    @Test
    void aBadIdIsAUsageErrorAndAnUnknownOneFailsWithNothingWritten() throws IOException {
        LiveCapture live = LiveCapture.enabledWithReadme(temp.resolve("work"));
        String refsBefore = live.workspace.git.run("for-each-ref").text();

        CliRun bad = live.run("redact", "--rewrite", "not-an-id");
        CliRun unknown = live.run("redact", "--rewrite", "a3b2c4d5e6f7");
        CliRun neither = live.run("redact", "--rewrite");

        assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err()).contains("'not-an-id' is not a checkpoint id");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(unknown.err()).isEqualTo("entire: checkpoint a3b2c4d5e6f7 is in no local checkpoint store"
                + " (v1 branch, checkpoint refs, v2 refs); nothing was rewritten\n");
        assertThat(neither.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(live.workspace.git.run("for-each-ref").text()).isEqualTo(refsBefore);
    }
}
