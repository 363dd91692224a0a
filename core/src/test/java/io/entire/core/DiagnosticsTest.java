package io.entire.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The diagnostics log: one JSON object per event, text from outside escaped, nothing written through a link. */
class DiagnosticsTest {
    private static final Instant TIME = Instant.parse("2026-12-04T21:00:00Z");

    @TempDir
    Path temp;

    @Test
    void anEventIsOneJsonLineWithTheIdsItConcerns() throws IOException {
        StringWriter err = new StringWriter();
        DiagnosticEvent event = DiagnosticEvent.of(TIME, Level.WARNING, "git post-commit", "step 1: [a\nb\u001b[31m]")
                .withCheckpointId(CheckpointId.of("0123456789ab"))
                .withSessionId(SessionId.of("75c838dd-10e3-40cf-8df3-17f9955149f8"))
                .withRef("refs/entire/checkpoints/01/23456789ab");

        Diagnostics.inWorkTree(temp, new PrintWriter(err)).record(event);

        Path log = temp.resolve(".entire/logs/entire.log");
        String written = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(written.lines()).singleElement().asString().doesNotContain("\u001b");
        JsonObject parsed = new JsonReader().parseObject(written.strip().getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.findString("time")).contains("2026-12-04T21:00:00Z");
        assertThat(parsed.findString("level")).contains("warning");
        assertThat(parsed.findString("component")).contains("git post-commit");
        assertThat(parsed.findString("message")).contains("step 1: [a\nb\u001b[31m]");
        assertThat(parsed.findString("checkpoint_id")).contains("0123456789ab");
        assertThat(parsed.findString("session_id")).contains("75c838dd-10e3-40cf-8df3-17f9955149f8");
        assertThat(parsed.findString("ref")).contains("refs/entire/checkpoints/01/23456789ab");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-------");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aRunFindsTheLogOfTheWorkTreeItStartedInOnlyWhereEntireWasSetUp() throws IOException {
        Path repo = Files.createDirectories(temp.resolve("repo/.git")).getParent();
        Path deep = Files.createDirectories(repo.resolve("src/main"));
        StringWriter err = new StringWriter();

        Diagnostics.forRunIn(deep, new PrintWriter(err)).record(DiagnosticEvent.of(TIME, Level.WARNING, "Status",
                "not set up"));
        Files.createDirectories(repo.resolve(".entire"));
        Diagnostics.forRunIn(deep, new PrintWriter(err)).record(DiagnosticEvent.of(TIME, Level.WARNING, "Status",
                "set up"));

        assertThat(err.toString().lines()).singleElement().asString().contains("Status: warning: not set up");
        assertThat(Files.readString(repo.resolve(".entire/logs/entire.log"))).contains("\"message\":\"set up\"")
                .doesNotContain("not set up");
    }

    @Test
    void aLinkedLogIsNotWrittenAndTheEscapedLineGoesToStderr() throws IOException {
        Files.createDirectories(temp.resolve(".entire"));
        Files.createSymbolicLink(temp.resolve(".entire/logs"), Files.createDirectories(temp.resolve("elsewhere")));
        StringWriter err = new StringWriter();

        Diagnostics.inWorkTree(temp, new PrintWriter(err)).record(DiagnosticEvent.of(TIME, Level.INFO,
                "git post-commit", "file x\ny"));

        assertThat(err.toString().lines()).singleElement().asString().startsWith("entire: ")
                .contains("git post-commit: file x\\ny", "symbolic link");
        assertThat(temp.resolve("elsewhere")).isEmptyDirectory();
    }
}
