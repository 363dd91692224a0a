package io.entire.core.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.entire.core.git.BatchReader;
import io.entire.core.git.GitRepository;
import io.entire.core.testing.TestRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our parser against jackson-core, the parser it replaced, as the judge: the same trees from real data, and the same
 * verdict (value or error) on thousands of mutated documents.
 */
class JsonTextParserTest {
    private static final JsonFactory JACKSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build()).build();
    private final JsonReader reader = new JsonReader();

    @Test
    void readsEveryLineOfTheRealTranscriptsAndCheckpointsAsJacksonDoes(@TempDir Path temp) throws IOException {
        int lines = 0;
        GitRepository sample = TestRepository.upstreamSample(temp.resolve("sample"));
        List<String> paths = sample.git().run("ls-tree", "-r", "--name-only", "entire/checkpoints/v1").text().lines()
                .filter(path -> path.endsWith(".json") || path.endsWith(".jsonl")).toList();
        try (BatchReader objects = sample.openReader()) {
            for (String path : paths) {
                byte[] file = objects.find("entire/checkpoints/v1:" + path).orElseThrow().content();
                for (String line : path.endsWith(".json") ? List.of(new String(file, UTF_8))
                        : new String(file, UTF_8).lines().toList()) {
                    byte[] bytes = line.getBytes(UTF_8);
                    assertThat(reader.findValue(bytes, 0, bytes.length)).as(path).isEqualTo(jackson(bytes));
                    lines++;
                }
            }
        }
        try (Stream<Path> files = Files.list(TestRepository.FIXTURES.resolve("claude-code"))) {
            for (Path file : files.toList()) {
                for (String line : Files.readAllLines(file, UTF_8)) {
                    byte[] bytes = line.getBytes(UTF_8);
                    assertThat(reader.findValue(bytes, 0, bytes.length)).as(file + " line " + lines)
                            .isEqualTo(jackson(bytes));
                    lines++;
                }
            }
        }
        assertThat(lines).isGreaterThan(1000);
    }

    @Test
    void agreesWithJacksonOnMutatedDocuments() {
        List<String> seeds = List.of(
                "{\"type\":\"assistant\",\"message\":{\"id\":\"msg_1\",\"usage\":{\"input_tokens\":3,"
                        + "\"output_tokens\":-1.5e+3}},\"content\":[{\"text\":"
                        + "\"a\\\"b\\\\c\\u00e9\\n\"},null,true,false]}",
                "[0,-0,1.25,1E5,12345678901234567890123,\"\\ud83d\\ude00\",{},[],{\"\":\"\"}]",
                "  {\"a\" : [ 1 , 2 ] , \"b\" : { \"c\" : \"d\" } }  ");
        String alphabet = "{}[]\",:.-+eE0123456789 \\/bfnrtu\tnulltruefalse'x#\u0001";
        Random random = new Random(20261121);
        int compared = 0;
        for (String seed : seeds) {
            for (int round = 0; round < 3000; round++) {
                StringBuilder text = new StringBuilder(seed);
                for (int edits = 1 + random.nextInt(3); edits > 0 && text.length() > 0; edits--) {
                    int at = random.nextInt(text.length());
                    switch (random.nextInt(3)) {
                        case 0 -> text.deleteCharAt(at);
                        case 1 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                        default -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                }
                byte[] bytes = text.toString().getBytes(UTF_8);
                assertThat(reader.findValue(bytes, 0, bytes.length)).as(text.toString()).isEqualTo(jackson(bytes));
                compared++;
            }
        }
        assertThat(compared).isEqualTo(9000);
    }

    @Test
    void refusesWhatStrictJsonRefuses() {
        for (String text : List.of("{\"a\":1,}", "[1,]", "01", "1.", ".5", "-", "+1", "1e", "'a'", "{a:1}",
                "/* c */ 1", "NaN", "tru", "nul", "\"\\uZZZZ\"", "\"\\x\"", "\"abc", "{\"a\" 1}", "[1 2]", "{\"a\":}",
                "[", "{", "\"a\u0001b\"", "\"tab\there\"")) {
            byte[] bytes = text.getBytes(UTF_8);
            assertThat(reader.findValue(bytes, 0, bytes.length)).as(text).isEmpty();
            assertThat(jackson(bytes)).as("jackson on " + text).isEmpty();
        }
    }

    @Test
    void refusesMalformedUtf8InStrings() {
        for (byte[] bytes : List.of(new byte[] {'"', (byte) 0xff, '"'}, new byte[] {'"', (byte) 0xc3, '(', '"'},
                new byte[] {'"', 'a', (byte) 0xe2, (byte) 0x82, '"'}, new byte[] {'"', '\\', 'n', (byte) 0xff, '"'},
                new byte[] {'"', (byte) 0xc3, (byte) 0xbc, '\\', 't', (byte) 0xc3, '"'})) {
            assertThatThrownBy(() -> reader.parse(bytes)).isInstanceOf(JsonFormatException.class)
                    .hasMessageContaining("UTF-8");
        }
        assertThat(reader.parse("\"\ufffd is a real character\"".getBytes(UTF_8)))
                .isEqualTo(new JsonString("\ufffd is a real character"));
    }

    @Test
    void readsEscapesSurrogatesAndAByteOrderMark() {
        assertThat(reader.parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\\ud83d\\ude00 \\udc00 ü😀\"".getBytes(UTF_8)))
                .isEqualTo(new JsonString("\"\\/\b\f\n\r\tA😀 \udc00 ü😀"));
        byte[] withMark = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};
        assertThat(reader.parse(withMark)).isEqualTo(JsonObject.EMPTY);
    }

    @Test
    void readsLongEscapedStringsOneAfterAnotherAsJacksonDoes() {
        // Escaped strings are unescaped into one buffer the parser reuses: a long one, then shorter ones.
        String once = "line \\\"quoted\\\" ü 😀\\n\\t";
        String line = once.repeat(40);
        String text = "{\"content\":\"" + line + "\",\"short\":\"a\\nb\",\"names\":[\"x\\u00e9\","
                + "\"" + once + "\"]}";
        byte[] bytes = text.getBytes(UTF_8);
        assertThat(reader.findValue(bytes, 0, bytes.length)).isEqualTo(jackson(bytes)).isPresent();
        assertThat(reader.parse(bytes).member("short").stringValue()).isEqualTo("a\nb");
    }

    @Test
    void errorsSayWhereInTheDocument() {
        assertThatThrownBy(() -> reader.parse("{\n  \"a\": [1,\n  2,,\n]}".getBytes(UTF_8)))
                .isInstanceOf(JsonFormatException.class)
                .hasMessage("malformed JSON: unexpected character ',' at line 3, column 5");
        assertThatThrownBy(() -> reader.parse(new byte[0])).hasMessage("malformed JSON: empty document");
    }

    @Test
    void refusesNestingDeeperThanTheLimitWithoutOverflowingTheStack() {
        String deep = "[".repeat(JsonTextParser.MAX_DEPTH) + "]".repeat(JsonTextParser.MAX_DEPTH);
        assertThat(reader.parse(deep.getBytes(UTF_8))).isInstanceOf(JsonArray.class);
        String tooDeep = "[".repeat(100_000);
        assertThatThrownBy(() -> reader.parse(tooDeep.getBytes(UTF_8))).isInstanceOf(JsonFormatException.class)
                .hasMessageContaining("nested deeper than 1000");
    }

    /** Jackson's reading of the bytes as our tree, or empty where jackson refuses them. */
    private static Optional<JsonValue> jackson(byte[] bytes) {
        try (JsonParser parser = JACKSON.createParser(bytes)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return Optional.empty();
            }
            JsonValue value = tree(parser, first);
            return parser.nextToken() == null ? Optional.of(value) : Optional.empty();
        } catch (IOException refused) {
            return Optional.empty();
        }
    }

    private static JsonValue tree(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                JsonObject.Members members = new JsonObject.Members();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    members.put(name, tree(parser, parser.nextToken()));
                }
                return new JsonObject(members);
            }
            case START_ARRAY -> {
                List<JsonValue> elements = new ArrayList<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    elements.add(tree(parser, next));
                }
                return new JsonArray(elements);
            }
            case VALUE_STRING -> {
                return new JsonString(parser.getText());
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new JsonNumber(parser.getText());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new JsonBoolean(token == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return JsonNull.INSTANCE;
            }
            default -> throw new IOException("unexpected " + token);
        }
    }
}
