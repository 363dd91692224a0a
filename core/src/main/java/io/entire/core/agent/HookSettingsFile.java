package io.entire.core.agent;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;
import io.entire.core.OwnFiles;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonFiles;
import io.entire.core.json.JsonFormatException;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * An agent's JSON settings file in a work tree whose {@code "hooks"} object maps event names to matcher groups
 * {@code {..., "hooks": [handler, ...]}}, the layout Claude Code, Codex and Gemini CLI share. A handler is Entire's
 * when its {@code command} matches the agent's pattern; every other key, event, group and handler is kept as it was.
 */
public final class HookSettingsFile {
    private final Path workTree;
    private final Path file;
    private final Pattern ours;

    /**
     * @param relativeFile the file below the work tree, e.g. {@code .claude/settings.json}
     * @param ours matches the whole {@code command} of an Entire handler
     */
    public HookSettingsFile(Path workTree, String relativeFile, Pattern ours) {
        this.workTree = requireNonNull(workTree, "workTree is null");
        this.file = workTree.resolve(requireNonNull(relativeFile, "relativeFile is null"));
        this.ours = requireNonNull(ours, "ours is null");
    }

    /** An event's settings name and the group Entire installs for it, if it installs one. */
    public record EventGroup(String event, Optional<JsonObject> group) {
        public EventGroup {
            requireNonNull(event, "event is null");
            requireNonNull(group, "group is null");
        }
    }

    /** A {@link io.entire.core.LinkedPathException} when the file or its folder is a symbolic link. */
    public void requireNoLink() {
        OwnFiles.requireNoLink(workTree, file);
    }

    public Path file() {
        return file;
    }

    /**
     * Adds each event's group unless the event holds an Entire handler already; with {@link ExistingHooks#REPLACE}
     * first removes Entire's handlers from every listed event (an event with no group to add is left without them).
     * Returns how many groups it added; writes the file when it added any or replaced.
     */
    public int install(List<EventGroup> eventGroups, ExistingHooks existing) {
        requireNonNull(existing, "existing is null");
        JsonObject settings = read();
        Map<String, JsonValue> hooks = new LinkedHashMap<>(settings.findObject("hooks")
                .orElse(JsonObject.EMPTY).members());
        int added = 0;
        for (EventGroup eventGroup : eventGroups) {
            List<JsonValue> groups = new ArrayList<>(groups(hooks, eventGroup.event()));
            if (existing == ExistingHooks.REPLACE) {
                groups = withoutOurs(groups);
            } else if (eventGroup.group().isEmpty() || groups.stream().anyMatch(this::holdsOurs)) {
                continue;
            }
            if (eventGroup.group().isPresent()) {
                groups.add(eventGroup.group().get());
                added++;
            }
            if (groups.isEmpty()) {
                hooks.remove(eventGroup.event());
            } else {
                hooks.put(eventGroup.event(), new JsonArray(groups));
            }
        }
        if (added > 0 || existing == ExistingHooks.REPLACE) {
            write(with(settings, "hooks", Optional.of(new JsonObject(hooks))));
        }
        return added;
    }

    /**
     * Removes Entire's handlers (and groups and events left empty); when there were any, {@code tidy} may change the
     * result further before it is written. Returns how many handlers it removed.
     */
    public int uninstall(UnaryOperator<JsonObject> tidy) {
        requireNonNull(tidy, "tidy is null");
        if (!Files.exists(file)) {
            return 0;
        }
        JsonObject settings = read();
        Optional<JsonObject> hooks = settings.findObject("hooks");
        if (hooks.isEmpty()) {
            return 0;
        }
        Map<String, JsonValue> kept = new LinkedHashMap<>();
        int removed = 0;
        for (Map.Entry<String, JsonValue> event : hooks.get().members().entrySet()) {
            List<JsonValue> groups = event.getValue().elements();   // an array each: read() checked
            removed += (int) groups.stream().flatMap(group -> group.member("hooks").elements().stream())
                    .filter(this::isOurs).count();
            List<JsonValue> remaining = withoutOurs(groups);
            if (!remaining.isEmpty()) {
                kept.put(event.getKey(), new JsonArray(remaining));
            }
        }
        if (removed > 0) {
            write(tidy.apply(with(settings, "hooks", kept.isEmpty() ? Optional.empty()
                    : Optional.of(new JsonObject(kept)))));
        }
        return removed;
    }

    /** Whether each of {@code events} holds an Entire handler; false when the file does not exist. */
    public boolean everyEventHoldsOurs(List<String> events) {
        if (!Files.exists(file)) {
            return false;
        }
        JsonObject hooks = hooks();
        return events.stream().allMatch(event -> hooks.member(event).elements().stream().anyMatch(this::holdsOurs));
    }

    /** Whether any event holds an Entire handler; false when the file does not exist. */
    public boolean holdsAnyOfOurs() {
        return hooks().members().values().stream()
                .anyMatch(groups -> groups.elements().stream().anyMatch(this::holdsOurs));
    }

    /** One sentence per event of {@code events} that holds no Entire handler. */
    public List<String> eventsWithoutOurs(List<String> events) {
        JsonObject hooks = hooks();
        return events.stream()
                .filter(event -> hooks.member(event).elements().stream().noneMatch(this::holdsOurs))
                .map(event -> event + " has no Entire hook")
                .toList();
    }

    /** The {@code "hooks"} object, empty when the file or the object is missing. */
    public JsonObject hooks() {
        return Files.exists(file) ? read().findObject("hooks").orElse(JsonObject.EMPTY) : JsonObject.EMPTY;
    }

    /**
     * The whole file, empty when it does not exist. Its {@code hooks} must be an object of arrays, as the agent reads
     * them: a value of another type is the user's, which installing or removing hooks would replace or drop.
     */
    public JsonObject read() {
        JsonObject settings;
        try {
            settings = JsonFiles.readObject(file).orElse(JsonObject.EMPTY);
        } catch (JsonFormatException e) {
            throw new EntireException(EntireException.Category.STATE, file + " is not valid JSON (" + e.getMessage()
                    + "); fix it or move it away, then run the command again");
        }
        JsonValue hooks = settings.member("hooks");
        if (hooks instanceof JsonObject events) {
            for (Map.Entry<String, JsonValue> event : events.members().entrySet()) {
                if (!(event.getValue() instanceof JsonArray)) {
                    throw wrongType("hooks." + event.getKey(), "an array", event.getValue());
                }
            }
        } else if (!hooks.isNull()) {
            throw wrongType("hooks", "an object", hooks);
        }
        return settings;
    }

    /** A hooks value of another type than the agent reads: the user's, which this leaves as it is. */
    private EntireException wrongType(String key, String expected, JsonValue found) {
        return new EntireException(EntireException.Category.STATE, file + ": " + key + " must be " + expected
                + ", not " + found.kind() + "; fix it or move it away, then run the command again");
    }

    /** Replaces the file atomically, refusing a symbolic link. */
    public void write(JsonObject settings) {
        requireNoLink();
        JsonFiles.writeAtomically(file, settings);
    }

    public boolean isOurs(JsonValue handler) {
        return ours.matcher(handler.member("command").stringValue()).matches();
    }

    public boolean holdsOurs(JsonValue group) {
        return group.member("hooks").elements().stream().anyMatch(this::isOurs);
    }

    /** The groups without Entire's handlers; a group left with none is dropped. */
    public List<JsonValue> withoutOurs(List<JsonValue> groups) {
        List<JsonValue> kept = new ArrayList<>();
        for (JsonValue group : groups) {
            if (!(group instanceof JsonObject object) || !holdsOurs(group)) {
                kept.add(group);
                continue;
            }
            List<JsonValue> others = object.member("hooks").elements().stream().filter(hook -> !isOurs(hook)).toList();
            if (!others.isEmpty()) {
                kept.add(with(object, "hooks", Optional.of(new JsonArray(others))));
            }
        }
        return kept;
    }

    /** The groups of {@code event} in a {@code "hooks"} object's members; empty when it has none. */
    public static List<JsonValue> groups(Map<String, JsonValue> hooks, String event) {
        return hooks.getOrDefault(event, new JsonArray(List.of())).elements();
    }

    /** {@code object} with {@code key} set to the value, or removed when it is empty. */
    public static JsonObject with(JsonObject object, String key, Optional<JsonValue> value) {
        Map<String, JsonValue> members = new LinkedHashMap<>(object.members());
        if (value.isPresent()) {
            members.put(key, value.get());
        } else {
            members.remove(key);
        }
        return new JsonObject(members);
    }
}
