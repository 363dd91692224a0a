package io.entire.core.json;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A JSON object with its members in document order. */
public record JsonObject(Map<String, JsonValue> members) implements JsonValue {
    public static final JsonObject EMPTY = new JsonObject(Map.of());

    public JsonObject {
        requireNonNull(members, "members is null");
        // Copying the reader's maps, which no one else holds, cost a tenth of reading a transcript (measured).
        members = Collections.unmodifiableMap(members instanceof Members ? members : new LinkedHashMap<>(members));
    }

    @Override
    public JsonValue member(String name) {
        return members.getOrDefault(name, JsonNull.INSTANCE);
    }

    public Optional<JsonValue> find(String key) {
        return Optional.ofNullable(members.get(key));
    }

    // The finders test types rather than map an Optional: each lambda links through invokedynamic on first use, which
    // a hook in a JVM of its own pays on JDK 17, and every hook reads JSON through these.
    public Optional<String> findString(String key) {
        return members.get(key) instanceof JsonString string ? Optional.of(string.value()) : Optional.empty();
    }

    public Optional<Long> findLong(String key) {
        return members.get(key) instanceof JsonNumber number ? Optional.of(number.longValue()) : Optional.empty();
    }

    public Optional<JsonObject> findObject(String key) {
        return members.get(key) instanceof JsonObject object ? Optional.of(object) : Optional.empty();
    }

    public Optional<JsonArray> findArray(String key) {
        return members.get(key) instanceof JsonArray array ? Optional.of(array) : Optional.empty();
    }

    /** The array of strings under a key; absent or null gives an empty list, other element types are skipped. */
    public List<String> strings(String key) {
        List<String> result = new ArrayList<>();
        if (members.get(key) instanceof JsonArray array) {
            for (JsonValue element : array.elements()) {
                if (element instanceof JsonString string) {
                    result.add(string.value());
                }
            }
        }
        return result;
    }

    /**
     * This object with the managed keys set to the given values (absent = removed), keeping every other member
     * where it was. A new managed key goes right before the first existing managed key that follows it in
     * {@code order}, or at the end.
     *
     * @param order  the managed keys in their canonical order
     * @param values the managed keys' new values; a key missing from the map is removed unless the document
     *               already holds an empty value for it ({@code ""}, {@code 0}, {@code []}, {@code false}, null)
     */
    public JsonObject merge(List<String> order, Map<String, JsonValue> values) {
        Set<String> managed = new HashSet<>(order);
        List<String> pending = new ArrayList<>();
        for (String key : order) {
            if (values.containsKey(key) && !members.containsKey(key)) {
                pending.add(key);
            }
        }
        Map<String, JsonValue> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> member : members.entrySet()) {
            String key = member.getKey();
            if (!managed.contains(key)) {
                result.put(key, member.getValue());
                continue;
            }
            int position = order.indexOf(key);
            for (Iterator<String> candidates = pending.iterator(); candidates.hasNext(); ) {
                String candidate = candidates.next();
                if (order.indexOf(candidate) < position) {
                    result.put(candidate, values.get(candidate));
                    candidates.remove();
                }
            }
            JsonValue value = values.get(key);
            if (value != null) {
                // Go reads null, [] and "" alike as zero values; keep whichever spelling the document used.
                result.put(key, isEmpty(value) && isEmpty(member.getValue()) ? member.getValue() : value);
            } else if (isEmpty(member.getValue())) {
                result.put(key, member.getValue());   // omitted because empty, and the document said so already
            }
        }
        for (String key : pending) {
            result.put(key, values.get(key));
        }
        return new JsonObject(result);
    }

    // Patterns, not equals(): a record's equals binds through invokedynamic on first use, which cost attach ~10 ms.
    private static boolean isEmpty(JsonValue value) {
        return (value instanceof JsonString string && string.value().isEmpty())
                || (value instanceof JsonNumber number && number.text().equals("0"))
                || (value instanceof JsonBoolean bool && !bool.value())
                || value instanceof JsonNull
                || (value instanceof JsonArray array && array.elements().isEmpty());
    }

    /** A member map that {@link JsonReader} fills and then hands to exactly one object, which keeps it uncopied. */
    static final class Members extends LinkedHashMap<String, JsonValue> {
    }
}
