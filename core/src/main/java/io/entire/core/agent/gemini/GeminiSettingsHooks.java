package io.entire.core.agent.gemini;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;
import io.entire.core.OwnFiles;
import io.entire.core.agent.AgentSettingsHooks;
import io.entire.core.agent.ExistingHooks;
import io.entire.core.agent.HookInstallation;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonBoolean;
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
 * Entire's entries in a project's {@code .gemini/settings.json}: for each installed {@link GeminiHookEvent}, a
 * matcher group {@code {"matcher": "", "hooks": [{"name": "entire-<verb>", "type": "command", "command":
 * "<prefix> hooks gemini <verb>"}]}}. Every other key, event and hook in the file is kept as it was. An entry is
 * Entire's when its command runs {@code hooks gemini <verb>} for any Gemini CLI event, whatever program precedes it:
 * the Go tool installed all eleven events, some twice (SessionEnd per reason), and enabled them with
 * {@code "hooksConfig": {"enabled": true}}.
 */
final class GeminiSettingsHooks implements AgentSettingsHooks {
    static final String FILE = ".gemini/settings.json";
    private static final Pattern OURS = Pattern.compile("(?:^|.*\\s)hooks gemini (?:session-start|session-end"
            + "|before-agent|after-agent|before-model|after-model|before-tool-selection|before-tool|after-tool"
            + "|pre-compress|notification)\\s*");
    private static final JsonObject GO_HOOKS_CONFIG = new JsonObject(Map.of("enabled", new JsonBoolean(true)));
    // Folder trust is on by default in Gemini CLI 0.61: in an untrusted folder project hooks do not run.
    private static final String TRUST_NOTICE = "Gemini CLI runs these hooks only in a folder it trusts: trust %s "
            + "when Gemini CLI asks (or in ~/.gemini/trustedFolders.json)";

    private final Path workTree;
    private final Path file;

    GeminiSettingsHooks(Path workTree) {
        this.workTree = requireNonNull(workTree, "workTree is null");
        this.file = workTree.resolve(FILE);
    }

    @Override
    public void requireNoLink() {
        OwnFiles.requireNoLink(workTree, file);
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public HookInstallation install(String commandPrefix, ExistingHooks existing) {
        requireNonNull(commandPrefix, "commandPrefix is null");
        requireNonNull(existing, "existing is null");
        JsonObject settings = read();
        Map<String, JsonValue> hooks = new LinkedHashMap<>(settings.findObject("hooks")
                .orElse(JsonObject.EMPTY).members());
        int added = 0;
        for (GeminiHookEvent event : GeminiHookEvent.values()) {
            List<JsonValue> groups = new ArrayList<>(hooks.getOrDefault(event.settingsName(),
                    new JsonArray(List.of())).elements());
            if (existing == ExistingHooks.REPLACE) {
                groups = withoutOurs(groups);
            } else if (!event.installed() || groups.stream().anyMatch(GeminiSettingsHooks::holdsOurs)) {
                continue;
            }
            if (event.installed()) {
                groups.add(group(event, commandPrefix + " hooks gemini " + event.verb()));
                added++;
            }
            if (groups.isEmpty()) {
                hooks.remove(event.settingsName());
            } else {
                hooks.put(event.settingsName(), new JsonArray(groups));
            }
        }
        if (added > 0 || existing == ExistingHooks.REPLACE) {
            write(with(settings, "hooks", Optional.of(new JsonObject(hooks))));
        }
        return new HookInstallation(file, added, added > 0 ? List.of(TRUST_NOTICE.formatted(workTree))
                : List.of());
    }

    /**
     * Removes Entire's entries (and groups and events left empty), and the Go tool's {@code hooksConfig} when no hook
     * is left for it to enable; returns how many entries it removed.
     */
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
                    .filter(GeminiSettingsHooks::isOurs).count();
            List<JsonValue> remaining = withoutOurs(groups.elements());
            if (!remaining.isEmpty()) {
                kept.put(event.getKey(), new JsonArray(remaining));
            }
        }
        if (removed == 0) {
            return 0;
        }
        JsonObject result = with(settings, "hooks", kept.isEmpty() ? Optional.empty()
                : Optional.of(new JsonObject(kept)));
        if (kept.isEmpty() && result.find("hooksConfig").filter(GO_HOOKS_CONFIG::equals).isPresent()) {
            result = with(result, "hooksConfig", Optional.empty());
        }
        write(result);
        return removed;
    }

    /** Whether every event Entire installs has an Entire entry. */
    @Override
    public boolean installed() {
        if (!Files.exists(file)) {
            return false;
        }
        JsonObject hooks = read().findObject("hooks").orElse(JsonObject.EMPTY);
        for (GeminiHookEvent event : GeminiHookEvent.values()) {
            if (event.installed() && hooks.member(event.settingsName()).elements().stream()
                    .noneMatch(GeminiSettingsHooks::holdsOurs)) {
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
        return group.member("hooks").elements().stream().anyMatch(GeminiSettingsHooks::isOurs);
    }

    private static boolean isOurs(JsonValue hook) {
        return OURS.matcher(hook.member("command").stringValue()).matches();
    }

    private static JsonValue group(GeminiHookEvent event, String command) {
        Map<String, JsonValue> hook = new LinkedHashMap<>();
        hook.put("name", new JsonString("entire-" + event.verb()));
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
