package io.entire.core.json;

import static java.util.Objects.requireNonNull;

/** A JSON number kept as its source text, so {@code 100} and {@code 1e2} rewrite as written. */
public record JsonNumber(String text) implements JsonValue {
    public JsonNumber {
        requireNonNull(text, "text is null");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty number");
        }
    }

    public static JsonNumber of(long value) {
        return new JsonNumber(Long.toString(value));
    }

    /** The value as a long; a fraction or exponent that is not a whole number is an error. */
    public long longValue() {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return new java.math.BigDecimal(text).longValueExact();
        }
    }

    @Override
    public long truncatedLong() {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException notAWholeLong) {
            return (long) Double.parseDouble(text);   // the cast truncates and saturates
        }
    }
}
