package io.entire.core.redact;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every secret of the seeded corpus, in every place a transcript holds text, is redacted; every benign look-alike
 * comes out byte for byte; and every redacted line is still one JSON value.
 */
class SecretCorpusTest {
    private static final JsonFactory JSON = new JsonFactory();
    private static final long SEED = 20261204;

    /** The places a secret is written in a Claude Code transcript line, each a function of the text. */
    private static final Map<String, Function<String, String>> PLACES = places();

    @Test
    void everySeededSecretIsRedactedWhereverItIsWritten() {
        List<SecretCorpus.Seeded> secrets = new SecretCorpus(SEED).secrets();
        List<String> stored = new ArrayList<>();
        int cases = 0;
        for (SecretCorpus.Seeded seeded : secrets) {
            Map<String, String> lines = new LinkedHashMap<>();
            PLACES.forEach((place, line) -> lines.put(place, line.apply(seeded.text())));
            lines.put("unicode escapes", prompt(escapeLettersAndDigits(seeded.text())));
            lines.put("base64 in a tool result", toolResult("echo " + SecretCorpus.b64(seeded.text().getBytes(UTF_8))
                    + " | base64 -d"));
            if (seeded.selfEvident()) {
                lines.put("json key", "{\"type\":\"user\",\"data\":{" + quote(seeded.text()) + ":true}}");
            }
            if (seeded.text().startsWith("{")) {
                lines.put("json member", "{\"type\":\"user\",\"toolUseResult\":" + seeded.text() + "}");
            }
            if (!seeded.text().contains("\n")) {
                lines.put("plain line", "log: " + seeded.text());
            }
            for (Map.Entry<String, String> line : lines.entrySet()) {
                cases++;
                String redacted = redact(line.getValue());
                String decoded = line.getKey().equals("plain line") ? redacted : decodedText(redacted);
                if (decoded.contains(seeded.secret())
                        || decoded.contains(SecretCorpus.b64(seeded.text().getBytes(UTF_8)))) {
                    stored.add(seeded.kind() + " (" + line.getKey() + "): " + redacted);
                }
            }
        }
        System.out.printf("seeded secrets: %d kinds, %d cases, %d stored%n", secrets.size(), cases, stored.size());
        assertThat(secrets).hasSizeGreaterThanOrEqualTo(49);
        assertThat(stored).isEmpty();
    }

    @Test
    void noBenignLookAlikeIsRedacted() {
        List<SecretCorpus.Benign> benign = new SecretCorpus(SEED).benign();
        List<String> redacted = new ArrayList<>();
        int cases = 0;
        for (SecretCorpus.Benign lookAlike : benign) {
            Map<String, String> lines = new LinkedHashMap<>();
            if (lookAlike.text().startsWith("{")) {
                // A JSON object is benign as what it is: a thinking block is not benign pasted into a prompt.
                lines.put("json member", "{\"type\":\"assistant\",\"message\":{\"content\":[" + lookAlike.text()
                        + "]}}");
            } else {
                PLACES.forEach((place, line) -> lines.put(place, line.apply(lookAlike.text())));
            }
            if (!lookAlike.text().contains("\n")) {
                lines.put("plain line", "log: " + lookAlike.text());
            }
            for (Map.Entry<String, String> line : lines.entrySet()) {
                cases++;
                String output = redact(line.getValue());
                if (!output.equals(line.getValue())) {
                    redacted.add(lookAlike.kind() + " (" + line.getKey() + "): " + output);
                }
            }
        }
        System.out.printf("benign look-alikes: %d kinds, %d cases, %d redacted%n", benign.size(), cases,
                redacted.size());
        assertThat(benign).hasSizeGreaterThanOrEqualTo(66);
        assertThat(redacted).isEmpty();
    }

    @Test
    void theWholeCorpusAsOneTranscriptStaysValidJsonl() throws IOException {
        SecretCorpus corpus = new SecretCorpus(SEED);
        StringBuilder transcript = new StringBuilder();
        for (SecretCorpus.Seeded seeded : corpus.secrets()) {
            PLACES.values().forEach(line -> transcript.append(line.apply(seeded.text())).append('\n'));
        }
        for (SecretCorpus.Benign benign : corpus.benign()) {
            transcript.append(toolResult(benign.text())).append('\n');
        }

        String redacted = redact(transcript.toString());

        List<String> lines = redacted.lines().toList();
        assertThat(lines).hasSize((int) transcript.toString().lines().count());
        for (String line : lines) {
            try (JsonParser parser = JSON.createParser(line)) {
                parser.nextToken();
                parser.skipChildren();
                assertThat(parser.nextToken()).as(line).isNull();
            }
        }
    }

    /** A growing transcript is redacted to the same bytes for the same lines, so its checkpoints delta-compress. */
    @Test
    void redactionOfAGrowingTranscriptIsDeterministicAndPrefixStable() throws IOException {
        List<String> fixture = Files.readAllLines(Fixtures.claudeCodeTranscripts().get(0), UTF_8);
        List<SecretCorpus.Seeded> secrets = new SecretCorpus(SEED).secrets();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < fixture.size(); i++) {
            lines.add(fixture.get(i));
            lines.add(toolResult(secrets.get(i % secrets.size()).text()));
        }
        String whole = redact(String.join("\n", lines) + "\n");

        assertThat(redact(String.join("\n", lines) + "\n")).isEqualTo(whole);
        for (int prefix = 1; prefix < lines.size(); prefix += 7) {
            String grown = redact(String.join("\n", lines.subList(0, prefix)) + "\n");
            assertThat(whole).as("the first %d lines", prefix).startsWith(grown);
        }
        assertThat(whole).isNotEqualTo(String.join("\n", lines) + "\n");
    }

    private static Map<String, Function<String, String>> places() {
        Map<String, Function<String, String>> places = new LinkedHashMap<>();
        places.put("prompt", SecretCorpusTest::prompt);
        places.put("tool result", SecretCorpusTest::toolResult);
        places.put("tool input", text -> "{\"type\":\"assistant\",\"message\":{\"role\":\"assistant\",\"content\":"
                + "[{\"type\":\"tool_use\",\"id\":\"toolu_01A2b3C4d5E6f7G8h9I0j1K2\",\"name\":\"Bash\",\"input\":"
                + "{\"command\":" + quote(text) + "}}]}}");
        return places;
    }

    private static String prompt(String text) {
        return "{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":" + quote(text) + "},\"uuid\":"
                + "\"75c838dd-10e3-40cf-8df3-17f9955149f8\"}";
    }

    private static String toolResult(String text) {
        return "{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":[{\"tool_use_id\":"
                + "\"toolu_01A2b3C4d5E6f7G8h9I0j1K2\",\"type\":\"tool_result\",\"content\":" + quote(text) + "}]},"
                + "\"toolUseResult\":{\"stdout\":" + quote(text) + ",\"stderr\":\"\",\"interrupted\":false}}";
    }

    private static String quote(String text) {
        return JsonWriter.compact(new JsonString(text));
    }

    /** The text as a JSON string with every letter and digit written as a \\u escape. */
    private static String escapeLettersAndDigits(String text) {
        String quoted = quote(text);
        StringBuilder escaped = new StringBuilder();
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c == '\\') {
                escaped.append(quoted, i, i + 2);
                i++;
            } else if (Character.isLetterOrDigit(c) && c < 0x80) {
                escaped.append(String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** The field names and string values of a JSON line, decoded, one per line. */
    private static String decodedText(String line) {
        StringBuilder text = new StringBuilder();
        try (JsonParser parser = JSON.createParser(line)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME || token == JsonToken.VALUE_STRING) {
                    text.append(parser.getText()).append('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + line, e);
        }
        return text.toString();
    }

    private static String redact(String jsonl) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Redactor().redactJsonl(new ByteArrayInputStream(jsonl.getBytes(UTF_8)), out);
        return out.toString(UTF_8);
    }
}
