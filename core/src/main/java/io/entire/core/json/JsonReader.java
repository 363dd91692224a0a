package io.entire.core.json;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Parses JSON documents into {@link JsonValue} trees with jackson-core's streaming parser; thread-safe. */
public final class JsonReader {
    private final JsonFactory factory;
    private final DuplicateKeys duplicateKeys;

    /** What a reader does with an object that names the same key twice. */
    public enum DuplicateKeys {
        /** The last value wins, in the place of the first: what Go's decoder and every JSON map do. */
        LAST_WINS,
        /** The document is not read: for callers that must see every value, such as redaction. */
        REJECT
    }

    /** A reader that keeps the last of duplicate keys. */
    public JsonReader() {
        this(DuplicateKeys.LAST_WINS);
    }

    public JsonReader(DuplicateKeys duplicateKeys) {
        this.duplicateKeys = requireNonNull(duplicateKeys, "duplicateKeys is null");
        // Transcript lines can hold whole files; jackson's default 20 MB string cap would reject real data.
        // Interning would put every key of every transcript line into the JVM's string table.
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
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

    /**
     * The value of {@code length} bytes from {@code offset}, or empty when they are not exactly one JSON value (a
     * broken or blank JSONL line is an expected outcome, not an error). The bytes are read in place, not copied.
     */
    public Optional<JsonValue> findValue(byte[] bytes, int offset, int length) {
        requireNonNull(bytes, "bytes is null");
        try (JsonParser parser = factory.createParser(bytes, offset, length)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return Optional.empty();
            }
            JsonValue value = read(parser, first);
            return parser.nextToken() == null ? Optional.of(value) : Optional.empty();
        } catch (IOException | JsonFormatException notOneValue) {
            // From bytes in memory, every IOException jackson throws (bad syntax, bad UTF-8) is about the content.
            return Optional.empty();
        }
    }

    private JsonValue read(JsonParser parser, JsonToken token) throws IOException {
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

    private JsonObject readObject(JsonParser parser) throws IOException {
        JsonObject.Members members = new JsonObject.Members();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonValue previous = members.put(name, read(parser, parser.nextToken()));
            if (previous != null && duplicateKeys == DuplicateKeys.REJECT) {
                throw new JsonFormatException("duplicate key \"" + name + "\" at " + parser.currentLocation());
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new JsonFormatException("unterminated object at " + parser.currentLocation());
        }
        return new JsonObject(members);
    }

    private JsonArray readArray(JsonParser parser) throws IOException {
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
