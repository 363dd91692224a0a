package io.entire.core.json;

import java.util.ArrayList;
import java.util.List;

/** A JSON array; its {@code elements()} accessor is also the lenient {@link JsonValue#elements()}. */
public record JsonArray(List<JsonValue> elements) implements JsonValue {
    public JsonArray {
        elements = List.copyOf(elements);
    }

    public static JsonArray ofStrings(List<String> values) {
        // No stream: hooks write these, and streams start slowly.
        List<JsonValue> elements = new ArrayList<>(values.size());
        for (String value : values) {
            elements.add(new JsonString(value));
        }
        return new JsonArray(elements);
    }
}
