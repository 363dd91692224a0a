package io.entire.core.agent.claudecode;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CompactTranscriptTest {
    private static final List<String> KEY_ORDER = List.of("v", "agent", "cli_version", "type", "ts", "id",
            "input_tokens", "output_tokens", "content");

    @Test
    void stringsContainsFixtureBecomesOnePromptAndTenMessages() throws IOException {
        List<JsonObject> lines = compact(Files.readAllBytes(Fixtures.STRINGS_CONTAINS), 0);

        assertThat(lines).extracting(line -> line.member("type").stringValue())
                .containsExactly("user", "assistant", "assistant", "assistant", "assistant", "assistant",
                        "assistant", "assistant", "assistant", "assistant", "assistant");
        assertThat(lines.get(0).member("content").elements()).hasSize(1);
        assertThat(lines.get(0).member("content").elements().get(0).member("text").stringValue())
                .startsWith("Replace the custom");
        assertThat(lines.get(0).member("ts").stringValue()).isEqualTo("2026-02-06T05:12:45.809Z");
        // Three streamed lines (text, thinking, tool_use) of msg_01HzFRtFLjtrW8BUwoKmbS9i: thinking dropped.
        JsonValue first = lines.get(1);
        assertThat(first.member("id").stringValue()).isEqualTo("msg_01HzFRtFLjtrW8BUwoKmbS9i");
        assertThat(first.member("content").elements()).extracting(block -> block.member("type").stringValue())
                .containsExactly("text", "tool_use");
        JsonValue grep = first.member("content").elements().get(1);
        assertThat(((JsonObject) grep).members().keySet())
                .containsExactly("type", "id", "name", "input", "result");
        assertThat(grep.member("result").member("output").stringValue())
                .startsWith("cmd/entire/cli/agent/claudecode/hooks_test.go");
        assertThat(grep.member("result").member("status").stringValue()).isEqualTo("success");
        // The streamed lines report output_tokens 9, 9, 9 and input_tokens 3.
        assertThat(first.member("input_tokens").truncatedLong()).isEqualTo(3);
        assertThat(first.member("output_tokens").truncatedLong()).isEqualTo(9);
        assertThat(lines.get(10).member("content").elements().get(0).member("text").stringValue())
                .startsWith("Done.");
    }

    @Test
    void everyToolCallOfTheFixturesGetsItsResult() throws IOException {
        for (Path fixture : List.of(Fixtures.STRINGS_CONTAINS, Fixtures.LINT_DIRECTIVES)) {
            List<JsonValue> toolUses = compact(Files.readAllBytes(fixture), 0).stream()
                    .flatMap(line -> line.member("content").elements().stream())
                    .filter(block -> block.member("type").stringValue().equals("tool_use"))
                    .toList();

            assertThat(toolUses).isNotEmpty().allSatisfy(toolUse -> {
                assertThat(toolUse.member("result").member("status").stringValue()).isEqualTo("success");
                assertThat(toolUse.member("result").member("output")).isInstanceOf(JsonString.class);
            });
        }
    }

    @Test
    void lintFixtureMergesAMessageSplitByOtherLineTypes() throws IOException {
        List<JsonObject> lines = compact(Files.readAllBytes(Fixtures.LINT_DIRECTIVES), 0);

        // 4 user lines (caveat, /clear, its stdout, the prompt) and 5 messages; progress, system and
        // file-history-snapshot lines are gone and no tool_result line survives on its own.
        assertThat(lines).extracting(line -> line.member("type").stringValue())
                .containsExactly("user", "user", "user", "user", "assistant", "assistant", "assistant", "assistant",
                        "assistant");
        JsonValue withTwoTools = lines.get(4);
        assertThat(withTwoTools.member("id").stringValue()).isEqualTo("msg_013p37vwBUTz1BaZ1hF7MW8M");
        assertThat(withTwoTools.member("content").elements())
                .extracting(block -> block.member("name").stringValue())
                .containsExactly("", "Bash", "Read");
        assertThat(withTwoTools.member("content").elements().get(2).member("result").member("output")
                .stringValue()).contains("version: \"2\"");
        // msg_01LJLC29uZ8WNpeMWXj4hD9Q is split by a file-history-snapshot line and still merges.
        assertThat(lines.get(6).member("content").elements())
                .extracting(block -> block.member("type").stringValue())
                .containsExactly("text", "tool_use");
    }

    @Test
    void linesAreSingleLineJsonWithKeysInFormatOrderAndGoEscaping() throws IOException {
        for (Path fixture : List.of(Fixtures.STRINGS_CONTAINS, Fixtures.LINT_DIRECTIVES)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long written = CompactTranscript.write(Files.newInputStream(fixture), 0, out, "0.1.0");
            String text = out.toString(UTF_8);

            assertThat(text).endsWith("\n").doesNotContain("<", ">", "&");
            String[] rawLines = text.split("\n");
            assertThat(rawLines).hasSize((int) written);
            for (String raw : rawLines) {
                assertThat(raw).startsWith("{\"v\":1,\"agent\":\"claude-code\",\"cli_version\":\"0.1.0\",\"type\":\"");
                JsonObject line = parse(raw);
                List<String> keys = new ArrayList<>(line.members().keySet());
                assertThat(keys).isSubsetOf(KEY_ORDER)
                        .isSortedAccordingTo((a, b) -> KEY_ORDER.indexOf(a) - KEY_ORDER.indexOf(b));
            }
        }
        ByteArrayOutputStream lint = new ByteArrayOutputStream();
        CompactTranscript.write(Files.newInputStream(Fixtures.LINT_DIRECTIVES), 0, lint, "0.1.0");
        assertThat(lint.toString(UTF_8)).contains("\\u003ccommand-name\\u003e/clear\\u003c/command-name\\u003e");
    }

    @Test
    void escapesLikeGo() throws IOException {
        String raw = "{\"type\":\"user\",\"message\":{\"content\":\"a<b>&c \\u2028 \\u2029 \\u0001 \\u001b é 😀 "
                + "\\t\\n\\\" \\\\ \\u007f \\ud800x\"}}";

        String out = compactText(raw.getBytes(UTF_8), 0);

        assertThat(out).isEqualTo("{\"v\":1,\"agent\":\"claude-code\",\"cli_version\":\"v\",\"type\":\"user\","
                + "\"content\":[{\"text\":\"a\\u003cb\\u003e\\u0026c \\u2028 \\u2029 \\u0001 \\u001b é 😀 "
                + "\\t\\n\\\" \\\\ \u007f \ufffdx\"}]}\n");
    }

    @Test
    void errorResultsAndArrayResultsAreInlined() throws IOException {
        String raw = String.join("\n",
                "{\"type\":\"assistant\",\"timestamp\":\"t1\",\"message\":{\"id\":\"m\",\"content\":["
                        + "{\"type\":\"tool_use\",\"id\":\"a\",\"name\":\"Bash\",\"input\":{\"command\":\"false\"},"
                        + "\"caller\":\"x\"}],\"usage\":{\"input_tokens\":4,\"output_tokens\":2}}}",
                "{\"type\":\"assistant\",\"timestamp\":\"t2\",\"message\":{\"id\":\"m\",\"content\":["
                        + "{\"type\":\"tool_use\",\"id\":\"b\",\"name\":\"Read\",\"input\":{}}],"
                        + "\"usage\":{\"input_tokens\":4,\"output_tokens\":6}}}",
                "{\"type\":\"user\",\"message\":{\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"a\","
                        + "\"is_error\":true,\"content\":\"exit 1\"}]}}",
                "{\"type\":\"progress\"}",
                "{\"type\":\"user\",\"message\":{\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"b\","
                        + "\"content\":[{\"type\":\"text\",\"text\":\"one\"},{\"type\":\"image\"},"
                        + "{\"type\":\"text\",\"text\":\"two\"}]}]}}",
                "{\"type\":\"user\",\"timestamp\":\"t3\",\"message\":{\"content\":\"next\"}}");

        String out = compactText(raw.getBytes(UTF_8), 0);

        assertThat(out).isEqualTo(
                "{\"v\":1,\"agent\":\"claude-code\",\"cli_version\":\"v\",\"type\":\"assistant\",\"ts\":\"t2\","
                        + "\"id\":\"m\",\"input_tokens\":4,\"output_tokens\":6,\"content\":["
                        + "{\"type\":\"tool_use\",\"id\":\"a\",\"name\":\"Bash\",\"input\":{\"command\":\"false\"},"
                        + "\"result\":{\"output\":\"exit 1\",\"status\":\"error\"}},"
                        + "{\"type\":\"tool_use\",\"id\":\"b\",\"name\":\"Read\",\"input\":{},"
                        + "\"result\":{\"output\":\"one\\ntwo\",\"status\":\"success\"}}]}\n"
                        + "{\"v\":1,\"agent\":\"claude-code\",\"cli_version\":\"v\",\"type\":\"user\",\"ts\":\"t3\","
                        + "\"content\":[{\"text\":\"next\"}]}\n");
    }

    @Test
    void numbersKeepTheirSourceText() throws IOException {
        String raw = "{\"type\":\"assistant\",\"message\":{\"id\":\"m\",\"content\":[{\"type\":\"tool_use\","
                + "\"id\":\"a\",\"name\":\"X\",\"input\":{\"f\":1.50,\"e\":1e3,"
                + "\"big\":123456789012345678901234567890}}]}}";

        assertThat(compactText(raw.getBytes(UTF_8), 0))
                .contains("\"input\":{\"f\":1.50,\"e\":1e3,\"big\":123456789012345678901234567890}");
    }

    @Test
    void startLineSkipsRawLines() throws IOException {
        byte[] fixture = Files.readAllBytes(Fixtures.STRINGS_CONTAINS);

        // From 1-based line 13 on: the prompt and the first two messages are behind us.
        List<JsonObject> lines = compact(fixture, 12);

        assertThat(lines).hasSize(8);
        assertThat(lines.get(0).member("id").stringValue()).isEqualTo("msg_01QsQzwNtHmX9NJPUg8eRUzH");
        assertThat(compact(fixture, 10_000)).isEmpty();
    }

    static Stream<Long> seeds() {
        return LongStream.rangeClosed(1, 20).boxed();
    }

    /** Garbage lines anywhere never break the conversion, and every output line stays valid JSON. */
    @ParameterizedTest
    @MethodSource("seeds")
    void survivesRandomGarbage(long seed) throws IOException {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>(Files.readAllLines(Fixtures.LINT_DIRECTIVES, UTF_8));
        for (int i = 0; i < 5; i++) {
            byte[] garbage = new byte[random.nextInt(40)];
            random.nextBytes(garbage);
            lines.add(random.nextInt(lines.size()), new String(garbage, UTF_8).replace("\n", ""));
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long written = CompactTranscript.write(new ByteArrayInputStream(String.join("\n", lines).getBytes(UTF_8)),
                0, out, "v");

        String[] rawLines = out.toString(UTF_8).split("\n");
        assertThat(rawLines).hasSize((int) written);
        assertThat(Arrays.stream(rawLines).map(CompactTranscriptTest::parse)).hasSize((int) written);
    }

    private static List<JsonObject> compact(byte[] raw, long startLine) {
        String text = compactText(raw, startLine);
        return text.isEmpty() ? List.of() : Arrays.stream(text.split("\n")).map(CompactTranscriptTest::parse).toList();
    }

    private static String compactText(byte[] raw, long startLine) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = new ByteArrayInputStream(raw);
        CompactTranscript.write(in, startLine, out, "v");
        return out.toString(UTF_8);
    }

    private static JsonObject parse(String line) {
        byte[] bytes = line.getBytes(UTF_8);
        Optional<JsonValue> value = new JsonReader().findValue(bytes, 0, bytes.length);
        assertThat(value).as("valid JSON: %s", line).isPresent();
        return (JsonObject) value.get();
    }
}
