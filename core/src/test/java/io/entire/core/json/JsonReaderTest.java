package io.entire.core.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonReaderTest {
    private final JsonReader reader = new JsonReader();

    @Test
    void findsTheValueOfAByteRangeInPlace() {
        String json = "{\"a\":[1,2.50,true,null,\"s\"]}";
        byte[] buffer = ("garbage" + json + "more garbage").getBytes(UTF_8);

        Optional<JsonValue> value = reader.findValue(buffer, "garbage".length(), json.length());

        assertThat(value).contains(new JsonObject(Map.of("a", new JsonArray(List.of(new JsonNumber("1"),
                new JsonNumber("2.50"), new JsonBoolean(true), JsonNull.INSTANCE, new JsonString("s"))))));
    }

    @Test
    void findsNothingInWhatIsNotExactlyOneValue() {
        for (String text : List.of("", "   ", "{\"type\":\"user\",\"message\":", "not json", "{\"a\":1} trailing",
                "{} {}", "[1,2", "{\"a\" 1}")) {
            assertThat(find(text)).as(text).isEmpty();
        }
        byte[] invalidUtf8 = {'"', (byte) 0xc3, '(', '"'};
        assertThat(reader.findValue(invalidUtf8, 0, invalidUtf8.length)).isEmpty();
        assertThat(find("\"just a string\"")).contains(new JsonString("just a string"));
    }

    @Test
    void duplicateKeysKeepTheLastValueInTheFirstPlaceUnlessRejected() {
        String text = "{\"a\":\"first\",\"b\":2,\"a\":\"last\"}";

        JsonObject lastWins = (JsonObject) find(text).orElseThrow();

        assertThat(lastWins.members().keySet()).containsExactly("a", "b");
        assertThat(lastWins.member("a")).isEqualTo(new JsonString("last"));
        JsonReader rejecting = new JsonReader(JsonReader.DuplicateKeys.REJECT);
        byte[] bytes = text.getBytes(UTF_8);
        assertThat(rejecting.findValue(bytes, 0, bytes.length)).isEmpty();
        assertThatThrownBy(() -> rejecting.parse(bytes)).isInstanceOf(JsonFormatException.class)
                .hasMessageContaining("duplicate key \"a\"");
        assertThat(rejecting.parseObject("{\"a\":{\"a\":1}}".getBytes(UTF_8)).member("a").member("a"))
                .isEqualTo(new JsonNumber("1"));
    }

    @Test
    void readsMissingAndMistypedMembersLeniently() {
        JsonValue line = find("{\"s\":\"text\",\"n\":42,\"f\":-2.9,\"e\":1e30,\"t\":true,\"z\":null,"
                + "\"a\":[{\"k\":\"v\"}]}").orElseThrow();

        assertThat(line.member("s").stringValue()).isEqualTo("text");
        assertThat(line.member("n").stringValue()).isEmpty();
        assertThat(line.member("missing")).isEqualTo(JsonNull.INSTANCE);
        assertThat(line.member("missing").member("deeper").elements()).isEmpty();
        assertThat(line.member("s").member("k").isNull()).isTrue();
        assertThat(line.member("z").isNull()).isTrue();
        assertThat(line.member("n").truncatedLong()).isEqualTo(42);
        assertThat(line.member("f").truncatedLong()).isEqualTo(-2);
        assertThat(line.member("e").truncatedLong()).isEqualTo(Long.MAX_VALUE);
        assertThat(line.member("s").truncatedLong()).isZero();
        assertThat(line.member("t").isTrue()).isTrue();
        assertThat(line.member("n").isTrue()).isFalse();
        assertThat(line.member("a").elements()).extracting(element -> element.member("k").stringValue())
                .containsExactly("v");
        assertThat(line.elements()).isEmpty();
    }

    @Test
    void objectsTheReaderBuiltStayImmutable() {
        JsonObject object = (JsonObject) find("{\"a\":1}").orElseThrow();

        assertThatThrownBy(() -> object.members().put("b", JsonNull.INSTANCE))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(new JsonObject(object.members())).isEqualTo(object);
    }

    private Optional<JsonValue> find(String text) {
        byte[] bytes = text.getBytes(UTF_8);
        return reader.findValue(bytes, 0, bytes.length);
    }
}
