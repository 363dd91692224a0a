package io.entire.core.json;

/** JSON null. */
public record JsonNull() implements JsonValue {
    public static final JsonNull INSTANCE = new JsonNull();

    @Override
    public boolean isNull() {
        return true;
    }
}
