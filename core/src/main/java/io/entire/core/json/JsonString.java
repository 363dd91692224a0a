package io.entire.core.json;

import static java.util.Objects.requireNonNull;

/** A JSON string. */
public record JsonString(String value) implements JsonValue {
    public JsonString {
        requireNonNull(value, "value is null");
    }

    @Override
    public String stringValue() {
        return value;
    }
}
