package io.entire.core.json;

/** A JSON boolean. */
public record JsonBoolean(boolean value) implements JsonValue {
    @Override
    public boolean isTrue() {
        return value;
    }
}
