package io.entire.core.json;

import java.util.List;

/**
 * A JSON value that keeps what Go-written metadata needs to survive a rewrite: key order and number text. The default
 * methods read documents of no fixed shape, such as agent transcripts, leniently: a missing member reads as JSON null,
 * and a value of another type reads as empty, zero or false.
 */
public sealed interface JsonValue permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull {
    /** The member under {@code name} when this is an object that has one, else JSON null. */
    default JsonValue member(String name) {
        return JsonNull.INSTANCE;
    }

    /** The elements when this is an array, else an empty list. */
    default List<JsonValue> elements() {
        return List.of();
    }

    /** The string when this is a JSON string, else "". */
    default String stringValue() {
        return "";
    }

    /**
     * When this is a number, its value rounded toward zero and clamped to the long range (unlike
     * {@link JsonNumber#longValue()}, a fraction is no error); else 0.
     */
    default long truncatedLong() {
        return 0;
    }

    default boolean isTrue() {
        return false;
    }

    /** Whether this is JSON null, which is also what a missing member reads as. */
    default boolean isNull() {
        return false;
    }

    /** What this is, for a message about a value of the wrong type: "an object", "a string", "null", ... */
    default String kind() {
        if (this instanceof JsonObject) {
            return "an object";
        } else if (this instanceof JsonArray) {
            return "an array";
        } else if (this instanceof JsonString) {
            return "a string";
        } else if (this instanceof JsonNumber) {
            return "a number";
        }
        return this instanceof JsonBoolean ? "a boolean" : "null";
    }
}
