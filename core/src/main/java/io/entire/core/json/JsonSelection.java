package io.entire.core.json;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The members of a document a reader goes on to read, for {@link JsonReader#findSelected}: the parser builds those
 * and only checks the rest, which on a transcript line is most of its bytes (tool output nobody reads next). A
 * selection applies to an object's members, and through an array to each of its elements; a value it does not name
 * reads as missing. Immutable.
 */
public final class JsonSelection {
    /** Every member, at every depth. */
    public static final JsonSelection WHOLE = new JsonSelection(Optional.empty());

    /** The selection of each named member; empty for {@link #WHOLE}. */
    private final Optional<Map<String, JsonSelection>> members;

    private JsonSelection(Optional<Map<String, JsonSelection>> members) {
        this.members = members;
    }

    /** These members, each whole. */
    public static JsonSelection of(String... names) {
        Map<String, JsonSelection> members = new HashMap<>();
        for (String name : names) {
            members.put(requireNonNull(name, "name is null"), WHOLE);
        }
        return new JsonSelection(Optional.of(Map.copyOf(members)));
    }

    /** This selection with {@code name} too, selected by {@code selection}; {@link #WHOLE} stays whole. */
    public JsonSelection with(String name, JsonSelection selection) {
        requireNonNull(name, "name is null");
        requireNonNull(selection, "selection is null");
        if (members.isEmpty()) {
            return this;
        }
        Map<String, JsonSelection> grown = new HashMap<>(members.get());
        grown.put(name, selection);
        return new JsonSelection(Optional.of(Map.copyOf(grown)));
    }

    boolean isWhole() {
        return members.isEmpty();
    }

    /** How to read member {@code name}, or empty when it is skipped. */
    Optional<JsonSelection> member(String name) {
        return members.isEmpty() ? Optional.of(WHOLE) : Optional.ofNullable(members.get().get(name));
    }
}
