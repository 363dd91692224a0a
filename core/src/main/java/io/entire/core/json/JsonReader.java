package io.entire.core.json;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** Parses JSON documents into {@link JsonValue} trees (strict RFC 8259, UTF-8); thread-safe. */
public final class JsonReader {
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
    }

    /** Parses one complete JSON value; trailing content or malformed input is a {@link JsonFormatException}. */
    public JsonValue parse(byte[] json) {
        requireNonNull(json, "json is null");
        return JsonTextParser.parse(json, 0, json.length, duplicateKeys, JsonSelection.WHOLE);
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
        return findSelected(bytes, offset, length, JsonSelection.WHOLE);
    }

    /**
     * As {@link #findValue}, with only the members {@code selection} names built: the others are checked and
     * skipped, so a value is found exactly when {@link #findValue} finds one.
     */
    public Optional<JsonValue> findSelected(byte[] bytes, int offset, int length, JsonSelection selection) {
        requireNonNull(bytes, "bytes is null");
        requireNonNull(selection, "selection is null");
        // Rejecting duplicate keys needs every name: such a reader builds the whole value.
        JsonSelection built = duplicateKeys == DuplicateKeys.REJECT ? JsonSelection.WHOLE : selection;
        try {
            return Optional.of(JsonTextParser.parse(bytes, offset, length, duplicateKeys, built));
        } catch (JsonFormatException notOneValue) {
            return Optional.empty();
        }
    }
}
