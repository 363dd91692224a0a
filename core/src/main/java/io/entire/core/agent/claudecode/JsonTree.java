package io.entire.core.agent.claudecode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.CharConversionException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads one JSONL line into a {@link JsonValue} and writes values back through a {@link GoJsonWriter}. */
final class JsonTree {
    // Tool output and pasted images make single transcript lines of many MB; Jackson's default cap is 20M chars.
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build();

    private JsonTree() {
    }

    /** The line's value, or empty when the bytes are not exactly one JSON value. */
    static Optional<JsonValue> parse(byte[] bytes, int length) throws IOException {
        try (JsonParser parser = FACTORY.createParser(bytes, 0, length)) {
            if (parser.nextToken() == null) {
                return Optional.empty();
            }
            JsonValue value = read(parser);
            if (parser.nextToken() != null) {
                return Optional.empty();
            }
            return Optional.of(value);
        } catch (JsonProcessingException | CharConversionException malformed) {
            return Optional.empty();
        }
    }

    static void write(GoJsonWriter writer, JsonValue value) throws IOException {
        if (value instanceof JsonValue.ObjectValue object) {
            writer.beginObject();
            for (Map.Entry<String, JsonValue> member : object.members().entrySet()) {
                writer.name(member.getKey());
                write(writer, member.getValue());
            }
            writer.endObject();
        } else if (value instanceof JsonValue.ArrayValue array) {
            writer.beginArray();
            for (JsonValue element : array.elements()) {
                write(writer, element);
            }
            writer.endArray();
        } else if (value instanceof JsonValue.StringValue string) {
            writer.string(string.value());
        } else if (value instanceof JsonValue.NumberValue number) {
            writer.rawNumber(number.text());
        } else if (value == JsonValue.Literal.TRUE) {
            writer.literal("true");
        } else if (value == JsonValue.Literal.FALSE) {
            writer.literal("false");
        } else {
            writer.literal("null");
        }
    }

    private static JsonValue read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT: {
                Map<String, JsonValue> members = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    members.put(name, read(parser));
                }
                return new JsonValue.ObjectValue(members);
            }
            case START_ARRAY: {
                List<JsonValue> elements = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    elements.add(read(parser));
                }
                return new JsonValue.ArrayValue(elements);
            }
            case VALUE_STRING:
                return new JsonValue.StringValue(parser.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new JsonValue.NumberValue(parser.getText());
            case VALUE_TRUE:
                return JsonValue.Literal.TRUE;
            case VALUE_FALSE:
                return JsonValue.Literal.FALSE;
            case VALUE_NULL:
                return JsonValue.Literal.NULL;
            default:
                throw new IOException("unexpected JSON token " + token);
        }
    }
}
