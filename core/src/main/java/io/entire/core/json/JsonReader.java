package io.entire.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses JSON documents into {@link JsonValue} trees with jackson-core's streaming parser. */
public final class JsonReader {
    private final JsonFactory factory;

    public JsonReader() {
        // Transcript lines can hold whole files; jackson's default 20 MB string cap would reject real data.
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
                .build();
    }

    /** Parses one complete JSON value; trailing content or malformed input is a {@link JsonFormatException}. */
    public JsonValue parse(byte[] json) {
        try (JsonParser parser = factory.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new JsonFormatException("empty document");
            }
            JsonValue value = read(parser, first);
            if (parser.nextToken() != null) {
                throw new JsonFormatException("unexpected content after the value at " + parser.currentLocation());
            }
            return value;
        } catch (IOException e) {
            throw new JsonFormatException(e.getMessage(), e);
        }
    }

    /** Parses a document that must be a JSON object. */
    public JsonObject parseObject(byte[] json) {
        JsonValue value = parse(json);
        if (value instanceof JsonObject object) {
            return object;
        }
        throw new JsonFormatException("expected a JSON object");
    }

    private static JsonValue read(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> readObject(parser);
            case START_ARRAY -> readArray(parser);
            case VALUE_STRING -> new JsonString(parser.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new JsonNumber(parser.getText());
            case VALUE_TRUE -> new JsonBoolean(true);
            case VALUE_FALSE -> new JsonBoolean(false);
            case VALUE_NULL -> JsonNull.INSTANCE;
            case END_OBJECT, END_ARRAY, FIELD_NAME, VALUE_EMBEDDED_OBJECT, NOT_AVAILABLE ->
                    throw new JsonFormatException("unexpected " + token + " at " + parser.currentLocation());
        };
    }

    private static JsonObject readObject(JsonParser parser) throws IOException {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            members.put(name, read(parser, parser.nextToken()));
        }
        if (token != JsonToken.END_OBJECT) {
            throw new JsonFormatException("unterminated object at " + parser.currentLocation());
        }
        return new JsonObject(members);
    }

    private static JsonArray readArray(JsonParser parser) throws IOException {
        List<JsonValue> elements = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw new JsonFormatException("unterminated array");
            }
            elements.add(read(parser, token));
        }
        return new JsonArray(elements);
    }
}
