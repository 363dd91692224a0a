package io.entire.core.json;

import java.util.List;

/** A JSON array; its {@code elements()} accessor is also the lenient {@link JsonValue#elements()}. */
public record JsonArray(List<JsonValue> elements) implements JsonValue {
    public JsonArray {
        elements = List.copyOf(elements);
    }

    public static JsonArray ofStrings(List<String> values) {
        return new JsonArray(values.stream().<JsonValue>map(JsonString::new).toList());
    }
}
