package io.entire.core.agent.claudecode;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;
import io.entire.core.OwnFiles;
import io.entire.core.agent.AgentSettingsHooks;
import io.entire.core.agent.ExistingHooks;
import io.entire.core.agent.HookInstallation;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonFiles;
import io.entire.core.json.JsonFormatException;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Entire's entries in a project's {@code .claude/settings.json}: for each {@link ClaudeHookEvent}, a matcher group
 * {@code {"matcher": "", "hooks": [{"type": "command", "command": "<prefix> hooks claude-code <verb>"}]}}. Every
 * other key, event and hook in the file is kept as it was. An entry is Entire's when its command runs
 * {@code hooks claude-code <verb>}, whatever program precedes it (the Go tool's entries count too).
 */
public final class ClaudeSettingsHooks implements AgentSettingsHooks {
    public static final String FILE = ".claude/settings.json";
    private static final Pattern OURS = Pattern.compile(
            "(?:^|.*\\s)hooks claude-code (?:session-start|user-prompt-submit|stop|session-end)\\s*");

    private final Path workTree;
    private final Path file;

    public ClaudeSettingsHooks(Path workTree) {
        this.workTree = requireNonNull(workTree, "workTree is null");
        this.file = workTree.resolve(FILE);
    }

    /** A {@link io.entire.core.LinkedPathException} when the file or its folder is a symbolic link. */
    @Override
    public void requireNoLink() {
        OwnFiles.requireNoLink(workTree, file);
    }

    @Override
    public Path file() {
        return file;
    }

    /** Installs the hooks with {@code commandPrefix} ({@code entire}). */
    @Override
    public HookInstallation install(String commandPrefix, ExistingHooks existing) {
        requireNonNull(commandPrefix, "commandPrefix is null");
        requireNonNull(existing, "existing is null");
        JsonObject settings = read();
        Map<String, JsonValue> hooks = new LinkedHashMap<>(settings.findObject("hooks")
                .orElse(JsonObject.EMPTY).members());
        int added = 0;
        for (ClaudeHookEvent event : ClaudeHookEvent.values()) {
            List<JsonValue> groups = new ArrayList<>(hooks.getOrDefault(event.settingsName(), new JsonArray(List.of()))
                    .elements());
            if (existing == ExistingHooks.REPLACE) {
                groups = withoutOurs(groups);
            } else if (groups.stream().anyMatch(ClaudeSettingsHooks::holdsOurs)) {
                continue;
            }
            groups.add(group(commandPrefix + " hooks claude-code " + event.verb()));
            hooks.put(event.settingsName(), new JsonArray(groups));
            added++;
        }
        if (added > 0 || existing == ExistingHooks.REPLACE) {
            write(with(settings, "hooks", Optional.of(new JsonObject(hooks))));
        }
        return new HookInstallation(file, added, List.of());
    }

    /** Removes Entire's entries (and groups and events left empty); returns how many it removed. */
    @Override
    public int uninstall() {
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
            if (!(event.getValue() instanceof JsonArray groups)) {
                kept.put(event.getKey(), event.getValue());
                continue;
            }
            removed += (int) groups.elements().stream().flatMap(group -> group.member("hooks").elements().stream())
                    .filter(ClaudeSettingsHooks::isOurs).count();
            List<JsonValue> remaining = withoutOurs(groups.elements());
            if (!remaining.isEmpty()) {
                kept.put(event.getKey(), new JsonArray(remaining));
            }
        }
        if (removed > 0) {
            write(with(settings, "hooks", kept.isEmpty() ? Optional.empty() : Optional.of(new JsonObject(kept))));
        }
        return removed;
    }

    /** Whether every event has an Entire entry. */
    @Override
    public boolean installed() {
        if (!Files.exists(file)) {
            return false;
        }
        JsonObject hooks = read().findObject("hooks").orElse(JsonObject.EMPTY);
        for (ClaudeHookEvent event : ClaudeHookEvent.values()) {
            if (hooks.member(event.settingsName()).elements().stream().noneMatch(ClaudeSettingsHooks::holdsOurs)) {
                return false;
            }
        }
        return true;
    }

    private static List<JsonValue> withoutOurs(List<JsonValue> groups) {
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

    private static boolean holdsOurs(JsonValue group) {
        return group.member("hooks").elements().stream().anyMatch(ClaudeSettingsHooks::isOurs);
    }

    private static boolean isOurs(JsonValue hook) {
        return OURS.matcher(hook.member("command").stringValue()).matches();
    }

    private static JsonValue group(String command) {
        Map<String, JsonValue> hook = new LinkedHashMap<>();
        hook.put("type", new JsonString("command"));
        hook.put("command", new JsonString(command));
        Map<String, JsonValue> group = new LinkedHashMap<>();
        group.put("matcher", new JsonString(""));
        group.put("hooks", new JsonArray(List.of(new JsonObject(hook))));
        return new JsonObject(group);
    }

    private static JsonObject with(JsonObject object, String key, Optional<JsonValue> value) {
        Map<String, JsonValue> members = new LinkedHashMap<>(object.members());
        if (value.isPresent()) {
            members.put(key, value.get());
        } else {
            members.remove(key);
        }
        return new JsonObject(members);
    }

    private JsonObject read() {
        try {
            return JsonFiles.readObject(file).orElse(JsonObject.EMPTY);
        } catch (JsonFormatException e) {
            throw new EntireException(EntireException.Category.STATE, file + " is not valid JSON (" + e.getMessage()
                    + "); fix it or move it away, then run 'entire enable' again");
        }
    }

    private void write(JsonObject settings) {
        requireNoLink();
        JsonFiles.writeAtomically(file, settings);
    }
}
