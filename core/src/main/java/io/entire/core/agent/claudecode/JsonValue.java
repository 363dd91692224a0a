package io.entire.core.agent.claudecode;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/** A parsed JSON value of one transcript line; numbers keep their source text so they are written back unchanged. */
sealed interface JsonValue {
    /** Object members in source order; a missing member reads as {@link Literal#NULL}. */
    record ObjectValue(Map<String, JsonValue> members) implements JsonValue {
        public ObjectValue {
            // Parsers hand over a fresh LinkedHashMap; wrapping keeps its order without a copy per line.
            members = Collections.unmodifiableMap(requireNonNull(members, "members is null"));
        }

        @Override
        public JsonValue get(String name) {
            return members.getOrDefault(name, Literal.NULL);
        }
    }

    record ArrayValue(List<JsonValue> elements) implements JsonValue {
        public ArrayValue {
            elements = Collections.unmodifiableList(requireNonNull(elements, "elements is null"));
        }

        @Override
        public List<JsonValue> items() {
            return elements;
        }
    }

    record StringValue(String value) implements JsonValue {
        public StringValue {
            requireNonNull(value, "value is null");
        }

        @Override
        public String text() {
            return value;
        }
    }

    record NumberValue(String text) implements JsonValue {
        public NumberValue {
            requireNonNull(text, "text is null");
        }

        @Override
        public long longValue() {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException notAnInteger) {
                return (long) Double.parseDouble(text);
            }
        }
    }

    enum Literal implements JsonValue {
        TRUE, FALSE, NULL
    }

    default JsonValue get(String name) {
        return Literal.NULL;
    }

    default List<JsonValue> items() {
        return List.of();
    }

    /** The string value, or "" for anything that is not a string. */
    default String text() {
        return "";
    }

    /** The numeric value, or 0 for anything that is not a number. */
    default long longValue() {
        return 0;
    }

    default boolean isTrue() {
        return this == Literal.TRUE;
    }

    default boolean isMissing() {
        return this == Literal.NULL;
    }
}
