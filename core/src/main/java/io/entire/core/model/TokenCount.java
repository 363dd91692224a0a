package io.entire.core.model;

import io.entire.core.json.JsonValue;

/**
 * A token count as an agent's transcript or another writer's metadata gives it. Counts are whole numbers up to
 * 2^53 - 1, the largest every JSON reader holds exactly (the agents are written in JavaScript, Rust and Go); a
 * negative, larger or non-numeric value is a corrupt or hand-edited one and counts 0, so that it neither fails an
 * analysis nor swamps the session's totals. A fraction is truncated.
 */
public final class TokenCount {
    static final long LARGEST = (1L << 53) - 1;

    private TokenCount() {
    }

    /** The count {@code value} holds, or 0 when it holds none that can be real. */
    public static long of(JsonValue value) {
        long count = value.truncatedLong();
        return count < 0 || count > LARGEST ? 0 : count;
    }

    /** The sum of two counts, which stops at the largest long rather than wrap round to a negative one. */
    public static long sum(long first, long second) {
        long sum = first + second;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
