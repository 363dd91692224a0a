package io.entire.core.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.testing.TestRepository;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class JsonSelectionTest {
    private static final JsonSelection LINE = JsonSelection.of("type", "timestamp")
            .with("message", JsonSelection.of("id").with("content", JsonSelection.of("type", "text")));

    private final JsonReader reader = new JsonReader();

    @Test
    void buildsTheSelectedMembersAndReadsTheOthersAsMissing() {
        JsonValue line = select("{\"type\":\"user\",\"uuid\":\"u1\",\"message\":{\"id\":\"m1\",\"role\":\"user\","
                + "\"content\":[{\"type\":\"tool_result\",\"content\":\"long output\",\"tool_use_id\":\"t1\"},"
                + "\"plain\",{\"type\":\"text\",\"text\":\"hi\"}]},\"toolUseResult\":{\"stdout\":\"long output\"}}")
                .orElseThrow();

        assertThat(((JsonObject) line).members().keySet()).containsExactly("type", "message");
        assertThat(((JsonObject) line.member("message")).members().keySet()).containsExactly("id", "content");
        assertThat(line.member("message").member("content").elements()).containsExactly(
                new JsonObject(Map.of("type", new JsonString("tool_result"))), new JsonString("plain"),
                new JsonObject(orderedMembers("type", new JsonString("text"), "text", new JsonString("hi"))));
        assertThat(line.member("toolUseResult").isNull()).isTrue();
        assertThat(select("[{\"type\":1,\"x\":2},3]")).contains(new JsonArray(List.of(
                new JsonObject(Map.of("type", new JsonNumber("1"))), new JsonNumber("3"))));
    }

    @Test
    void whatIsSkippedMustStillBeValidJson() {
        List<String> broken = List.of("\"unterminated", "\"bad \\q escape\"", "\"bad \\u12G4 escape\"",
                "\"tab\tinside\"", "01", "1.", "-", "1e", "tru", "nul", "[1,]", "[1 2]", "{\"a\" 1}", "{\"a\":1,}",
                "{1:2}", "}", "[".repeat(JsonTextParser.MAX_DEPTH + 1) + "]".repeat(JsonTextParser.MAX_DEPTH + 1));
        for (String value : broken) {
            String line = "{\"type\":\"x\",\"skipped\":" + value + "}";
            assertThat(reader.findValue(line.getBytes(UTF_8), 0, line.getBytes(UTF_8).length)).as(line).isEmpty();
            assertThat(select(line)).as(line).isEmpty();
        }
        byte[][] malformedUtf8 = {{(byte) 0xc0, (byte) 0x80}, {(byte) 0xc3}, {(byte) 0xc3, '('},
                {(byte) 0xe0, (byte) 0x80, (byte) 0x80}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                {(byte) 0xe2, (byte) 0x82}, {(byte) 0xf0, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xf5, (byte) 0x80, (byte) 0x80,
                        (byte) 0x80}, {(byte) 0x80}, {(byte) 0xff}};
        for (byte[] bytes : malformedUtf8) {
            byte[] line = inSkippedString(bytes);
            assertThat(reader.findValue(line, 0, line.length)).as(new String(line, UTF_8)).isEmpty();
            assertThat(reader.findSelected(line, 0, line.length, LINE)).as(new String(line, UTF_8)).isEmpty();
        }
    }

    @Test
    void skipsEveryValidValueAsTheFullParseReadsIt() {
        List<String> valid = List.of("\"é ✓ 𝄞 \uFFFD\"", "\"\\u0000\\ud800\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "-0.5e+10",
                "0", "1E-2", "true", "false", "null", "[]", "{}", " [ { } , [ ] , \"a\" ] ",
                "{\"k\":{\"k\":[1,{\"k\":null}]}}", "[".repeat(JsonTextParser.MAX_DEPTH - 1)
                        + "]".repeat(JsonTextParser.MAX_DEPTH - 1));
        for (String value : valid) {
            String line = "{\"type\":\"x\",\"skipped\":" + value + ",\"timestamp\":\"t\"}";
            assertThat(reader.findValue(line.getBytes(UTF_8), 0, line.getBytes(UTF_8).length)).as(line).isPresent();
            assertThat(select(line)).as(line).contains(new JsonObject(orderedMembers("type", new JsonString("x"),
                    "timestamp", new JsonString("t"))));
        }
    }

    @Test
    void everyLineOfRealTranscriptsReadsAsTheSelectedPartOfItsWholeTree() throws IOException {
        List<Path> transcripts;
        try (Stream<Path> files = Files.list(TestRepository.FIXTURES.resolve("claude-code"))) {
            transcripts = files.filter(file -> file.toString().endsWith(".jsonl")).sorted().toList();
        }
        int lines = 0;
        for (Path transcript : transcripts) {
            try (InputStream in = Files.newInputStream(transcript)) {
                JsonLinesReader reader = new JsonLinesReader(in);
                while (reader.next()) {
                    Optional<JsonValue> whole = this.reader.findValue(reader.bytes(), 0, reader.length());
                    Optional<JsonValue> selected = this.reader.findSelected(reader.bytes(), 0, reader.length(), LINE);
                    assertThat(selected).isEqualTo(whole.map(value -> project(value, LINE)));
                    lines++;
                }
            }
        }
        assertThat(lines).isGreaterThan(50);
    }

    @Test
    void aRejectingReaderStillFindsDuplicatesAmongSkippedMembers() {
        byte[] line = "{\"type\":\"x\",\"skipped\":1,\"skipped\":2}".getBytes(UTF_8);

        assertThat(new JsonReader(JsonReader.DuplicateKeys.REJECT).findSelected(line, 0, line.length, LINE)).isEmpty();
        assertThat(reader.findSelected(line, 0, line.length, LINE)).contains(new JsonObject(Map.of("type",
                new JsonString("x"))));
    }

    private Optional<JsonValue> select(String json) {
        byte[] bytes = json.getBytes(UTF_8);
        return reader.findSelected(bytes, 0, bytes.length, LINE);
    }

    private static byte[] inSkippedString(byte[] content) {
        byte[] start = "{\"type\":\"x\",\"skipped\":\"a".getBytes(UTF_8);
        byte[] end = "b\"}".getBytes(UTF_8);
        byte[] line = new byte[start.length + content.length + end.length];
        System.arraycopy(start, 0, line, 0, start.length);
        System.arraycopy(content, 0, line, start.length, content.length);
        System.arraycopy(end, 0, line, start.length + content.length, end.length);
        return line;
    }

    private static Map<String, JsonValue> orderedMembers(String firstName, JsonValue first, String secondName,
            JsonValue second) {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        members.put(firstName, first);
        members.put(secondName, second);
        return members;
    }

    /** What of {@code value} the selection keeps, worked out from the whole tree. */
    private static JsonValue project(JsonValue value, JsonSelection selection) {
        if (value instanceof JsonArray array) {
            List<JsonValue> elements = new ArrayList<>();
            array.elements().forEach(element -> elements.add(project(element, selection)));
            return new JsonArray(elements);
        }
        if (value instanceof JsonObject object) {
            Map<String, JsonValue> kept = new LinkedHashMap<>();
            object.members().forEach((name, member) -> selection.member(name)
                    .ifPresent(child -> kept.put(name, project(member, child))));
            return new JsonObject(kept);
        }
        return value;
    }
}
