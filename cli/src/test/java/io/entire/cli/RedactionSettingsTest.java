package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code redaction.allow} and {@code redaction.patterns} reach the transcript a checkpoint stores. */
class RedactionSettingsTest {
    // Assembled from parts so that secret scanners on this repository do not flag the test itself.
    private static final String ALLOWED_KEY = "AKIA" + "Z7Q4M2XK9PLW3RTB";
    private static final String OTHER_KEY = "AKIA" + "Y2R7B4NQ8KXW5MZC";

    @TempDir
    Path temp;

    @Test
    void theStoredTranscriptKeepsAllowedTextAndLosesWhatTheProjectsPatternsMatch() throws IOException {
        Sandbox sandbox = new Sandbox(temp);
        Files.createDirectories(sandbox.repo.resolve(".entire"));
        Files.writeString(sandbox.repo.resolve(".entire/settings.json"), "{\"redaction\": {\"allow\": [\""
                + ALLOWED_KEY + "\"], \"patterns\": [\"ACME-[0-9]{4}-[0-9]{4}\"]}}");
        sandbox.commit("initial");
        String fixture = Files.readString(Sandbox.FIXTURES.resolve("claude-code")
                .resolve(Sandbox.SESSION_A + ".jsonl"));
        sandbox.transcript(Sandbox.SESSION_A, fixture + "{\"type\":\"user\",\"sessionId\":\"" + Sandbox.SESSION_A
                + "\",\"message\":{\"role\":\"user\",\"content\":\"use " + ALLOWED_KEY + " not " + OTHER_KEY
                + ", licence ACME-1234-5678\"}}\n");
        sandbox.commit("agent work");

        CliRun attach = sandbox.run("attach", Sandbox.SESSION_A, "--force");

        assertThat(attach.exitCode()).as(attach.err()).isZero();
        String transcriptPath = sandbox.git.run("ls-tree", "-r", "--name-only", "entire/checkpoints/v1").text().lines()
                .filter(path -> path.endsWith("/0/full.jsonl")).findFirst().orElseThrow();
        String stored = sandbox.git.run("show", "entire/checkpoints/v1:" + transcriptPath).text();
        assertThat(stored).contains("use " + ALLOWED_KEY + " not REDACTED, licence REDACTED")
                .doesNotContain(OTHER_KEY, "ACME-1234-5678");
    }

    @Test
    void sessionStateAndStatusUseTheProjectsRules() throws IOException {
        LiveCapture live = LiveCapture.enabledWithReadme(temp.resolve("live"));
        Sandbox sandbox = live.workspace;
        Files.writeString(sandbox.repo.resolve(".entire/settings.json"), Files.readString(sandbox.repo
                .resolve(".entire/settings.json")).replaceFirst("\\{", "{\"redaction\": {\"patterns\": "
                + "[\"ACME-[0-9]{4}-[0-9]{4}\"]},"));
        ClaudeSession session = new ClaudeSession(sandbox, Sandbox.SESSION_A);

        session.prompt("Renew licence ACME-1234-5678 please").write("notes.txt", "n\n").say("Done.");
        Path state = sandbox.repo.resolve(".git/entire-sessions/" + Sandbox.SESSION_A + ".json");
        // a state file an older version wrote before the pattern was added
        Files.writeString(state, Files.readString(state).replace("Renew licence REDACTED please",
                "Renew licence ACME-8765-4321 please"));
        CliRun status = live.run("status", "--json");

        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.out()).contains("Renew licence REDACTED please").doesNotContain("ACME-8765-4321");
        session.say("More.");
        assertThat(session.stop().exitCode()).isZero();
        assertThat(Files.readString(state)).doesNotContain("ACME-1234-5678", "ACME-8765-4321")
                .contains("Renew licence REDACTED please");
    }

    @Test
    void aBadPatternStopsTheCommandWithTheFileAndTheKeyAndWritesNothing() throws IOException {
        Sandbox sandbox = new Sandbox(temp);
        Files.createDirectories(sandbox.repo.resolve(".entire"));
        Files.writeString(sandbox.repo.resolve(".entire/settings.json"),
                "{\"redaction\": {\"patterns\": [\"ok\", \"ACME-[0-9\"]}}");
        sandbox.fixtureTranscript(Sandbox.SESSION_A);
        sandbox.commit("agent work");

        CliRun attach = sandbox.run("attach", Sandbox.SESSION_A, "--force");

        assertThat(attach.exitCode()).isNotZero();
        assertThat(attach.err()).contains("settings.json", "redaction.patterns[1]").doesNotContain("Exception");
        assertThat(sandbox.checkpointTip()).isEmpty();
    }
}
