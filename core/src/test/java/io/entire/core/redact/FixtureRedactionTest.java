package io.entire.core.redact;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real transcripts must come out of redaction still parseable and untouched: they hold no secrets. */
class FixtureRedactionTest {
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build();

    @TempDir
    Path temp;

    @Test
    void claudeCodeFixturesAreCopiedUnchanged() throws IOException {
        for (Path transcript : Fixtures.claudeCodeTranscripts()) {
            byte[] original = Files.readAllBytes(transcript);

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            RedactionResult result;
            try (InputStream in = Files.newInputStream(transcript)) {
                result = new Redactor().redactJsonl(in, out);
            }

            System.out.printf("%s: %s%n", transcript.getFileName(), result);
            assertThat(result.linesRedacted()).as(transcript.toString()).isZero();
            assertThat(out.toByteArray()).isEqualTo(original);
        }
    }

    @Test
    void bundleTranscriptsStayValidJson() throws IOException, InterruptedException {
        List<Path> transcripts = Fixtures.bundleTranscripts(temp.resolve("checkpoints"));
        assertThat(transcripts).hasSizeGreaterThan(40);
        long totalLines = 0;
        long totalRedacted = 0;
        long totalSecrets = 0;
        for (Path transcript : transcripts) {
            byte[] original = Files.readAllBytes(transcript);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            RedactionResult result;
            try (InputStream in = Files.newInputStream(transcript)) {
                result = new Redactor().redactJsonl(in, out);
            }
            byte[] redacted = out.toByteArray();

            if (isJsonl(original)) {
                assertThat(isJsonl(redacted)).as(transcript.toString()).isTrue();
            } else {
                // Gemini CLI sessions are one pretty-printed JSON document, not JSONL.
                assertThat(isOneJsonDocument(redacted)).as(transcript.toString()).isTrue();
            }
            assertThat(lines(redacted)).hasSameSizeAs(lines(original));
            if (result.linesRedacted() > 0) {
                System.out.printf("%s: %s%n", temp.relativize(transcript), result);
                printDifferences(original, redacted);
            }
            totalLines += result.linesIn();
            totalRedacted += result.linesRedacted();
            totalSecrets += result.secretsFound();
        }
        System.out.printf("bundle: %d transcripts, %d lines, %d lines redacted, %d secrets%n", transcripts.size(),
                totalLines, totalRedacted, totalSecrets);
        // The bundle holds no secret (its one token is the placeholder "github_pat_xxxx"): every redaction is a
        // false positive, text lost for nothing.
        assertThat(totalRedacted).as("false positives").isZero();
    }

    private static void printDifferences(byte[] original, byte[] redacted) {
        List<String> before = lines(original);
        List<String> after = lines(redacted);
        for (int i = 0; i < before.size(); i++) {
            String line = before.get(i);
            String changed = after.get(i);
            if (!line.equals(changed)) {
                int at = changed.indexOf(Redactor.REPLACEMENT);
                while (at >= 0) {
                    int from = Math.max(0, at - 50);
                    int to = Math.min(changed.length(), at + 60);
                    System.out.printf("    line %d: ...%s...%n", i + 1, changed.substring(from, to));
                    at = changed.indexOf(Redactor.REPLACEMENT, at + 1);
                }
                String original1 = line.length() > 0 ? line : "";
                System.out.printf("    ORIGINAL tokens: %s%n", SecretSample.of(original1));
            }
        }
    }

    private static List<String> lines(byte[] bytes) {
        return new String(bytes, UTF_8).lines().toList();
    }

    private static boolean isJsonl(byte[] bytes) {
        for (String line : lines(bytes)) {
            if (!line.isBlank() && !isOneJsonDocument(line.getBytes(UTF_8))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isOneJsonDocument(byte[] bytes) {
        try (JsonParser parser = JSON.createParser(bytes)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    /** Debug helper: the secrets the scanner sees in a line. */
    static final class SecretSample {
        static List<String> of(String line) {
            List<String> found = new ArrayList<>();
            String blanked = Redactor.blankEscapes(line);
            for (SecretScanner.Span span : new SecretScanner().find(blanked)) {
                found.add(line.substring(span.start(), Math.min(span.end(), span.start() + 80)));
            }
            return found;
        }
    }
}
