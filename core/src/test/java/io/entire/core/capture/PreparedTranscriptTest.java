package io.entire.core.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entire.core.agent.Agents;
import io.entire.core.agent.TranscriptFormat;
import io.entire.core.agent.claudecode.ClaudeTranscript;
import io.entire.core.agent.claudecode.CompactTranscript;
import io.entire.core.redact.RedactionResult;
import io.entire.core.redact.RedactionRules;
import io.entire.core.redact.Redactor;
import io.entire.core.store.TranscriptTooLargeException;
import io.entire.core.testing.TestRepository;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-pass preparation of a transcript gives exactly what the three separate passes give: the redacted file, the
 * compact transcript of the slice and the slice's analysis, on the real Claude Code fixtures (with a secret and a
 * broken line added) from several start lines.
 */
class PreparedTranscriptTest {
    private static final Path FIXTURES = TestRepository.FIXTURES.resolve("claude-code");
    private static final TranscriptFormat CLAUDE_CODE = Agents.bySlug("claude-code").transcriptFormat();

    @TempDir
    Path temp;

    @Test
    void onePassGivesWhatTheSeparatePassesGive() throws IOException {
        List<Path> transcripts;
        try (Stream<Path> files = Files.list(FIXTURES)) {
            transcripts = files.filter(file -> file.toString().endsWith(".jsonl")).sorted().toList();
        }
        assertThat(transcripts).isNotEmpty();
        Path workTree = Files.createDirectories(temp.resolve("repo"));
        for (Path fixture : transcripts) {
            List<String> lines = new ArrayList<>(Files.readAllLines(fixture, StandardCharsets.UTF_8));
            lines.add(lines.size() / 2, "{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":"
                    + "\"use ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8 please\"}}");
            lines.add(lines.size() / 3, "{not json");
            Path transcript = Files.writeString(temp.resolve(fixture.getFileName()), String.join("\n", lines) + "\n");
            for (long start : new long[] {0, lines.size() / 2, lines.size()}) {
                try (PreparedTranscript prepared = PreparedTranscript.prepare(CLAUDE_CODE, Optional.of(transcript),
                        CLAUDE_CODE.position(start), temp.resolve("scratch"), workTree, "9.9.9",
                        RedactionRules.NONE)) {
                    ByteArrayOutputStream redacted = new ByteArrayOutputStream();
                    RedactionResult redaction;
                    try (InputStream in = Files.newInputStream(transcript)) {
                        redaction = new Redactor().redactJsonl(in, redacted);
                    }
                    ByteArrayOutputStream compact = new ByteArrayOutputStream();
                    CompactTranscript.write(new ByteArrayInputStream(redacted.toByteArray()), start, compact, "9.9.9");

                    String where = fixture.getFileName() + " from line " + start;
                    assertThat(Files.readAllBytes(prepared.redacted())).as(where).isEqualTo(redacted.toByteArray());
                    assertThat(prepared.redaction()).as(where).isEqualTo(redaction);
                    assertThat(redaction.secretsFound()).as(where).isPositive();
                    assertThat(Files.readAllBytes(prepared.compact())).as(where).isEqualTo(compact.toByteArray());
                    assertThat(prepared.analysis()).as(where).isEqualTo(ClaudeTranscript.analyze(
                            new ByteArrayInputStream(redacted.toByteArray()), start, workTree));
                }
            }
        }
    }

    @Test
    void aLineLongerThanTheLimitFailsNamingTheUsersFileAndLeavesNoScratchFile() throws IOException {
        Path transcript = temp.resolve("claude/projects/-repo/session.jsonl");
        Files.createDirectories(transcript.getParent());
        try (OutputStream out = Files.newOutputStream(transcript)) {
            out.write("{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"Paste it\"}}\n"
                    .getBytes(StandardCharsets.UTF_8));
            byte[] block = "A".repeat(1 << 16).getBytes(StandardCharsets.US_ASCII);
            out.write("{\"type\":\"user\",\"image\":\"".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 64; i++) {   // a 4 MiB single line, like a pasted image
                out.write(block);
            }
            out.write("\"}\n".getBytes(StandardCharsets.US_ASCII));
        }
        Path scratch = temp.resolve("git/entire-tmp");
        Files.createDirectories(scratch.getParent());

        assertThatThrownBy(() -> PreparedTranscript.prepare(CLAUDE_CODE, Optional.of(transcript),
                CLAUDE_CODE.position(0), scratch, temp, "9.9.9", RedactionRules.NONE, 1 << 20))
                .isInstanceOfSatisfying(TranscriptTooLargeException.class, e -> {
                    assertThat(e.transcript()).isEqualTo(transcript);
                    assertThat(e.getMessage()).startsWith("transcript " + transcript + ": line 2 is longer than "
                            + (1 << 20) + " bytes").doesNotContain(scratch.toString());
                });
        try (Stream<Path> left = Files.list(scratch)) {
            assertThat(left).as("scratch files").isEmpty();
        }
    }

    @Test
    void aMissingTranscriptPreparesAsEmptyAndClosingDeletesTheScratchFiles() {
        PreparedTranscript prepared = PreparedTranscript.prepare(CLAUDE_CODE,
                Optional.of(temp.resolve("never-written.jsonl")), CLAUDE_CODE.position(0), temp.resolve("scratch"),
                temp, "9.9.9", RedactionRules.NONE);
        assertThat(prepared.analysis().lineCount()).isZero();
        assertThat(prepared.redacted()).isEmptyFile();
        assertThat(prepared.compact()).isEmptyFile();
        prepared.close();
        assertThat(prepared.redacted()).doesNotExist();
        assertThat(prepared.compact()).doesNotExist();
    }
}
