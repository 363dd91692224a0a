package io.entire.core.agent.copilot;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;
import io.entire.core.agent.AgentSettingsHooks;
import io.entire.core.agent.ExistingHooks;
import io.entire.core.agent.HookInstallation;
import io.entire.core.agent.HookSettingsFile;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonNumber;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Entire's entries in {@code .github/hooks/entire.json}, the file of Copilot CLI's repository hooks the Go tool
 * writes too: {@code {"version": 1, "hooks": {"<event>": [{"type": "command", "bash": "<prefix> hooks copilot-cli
 * <verb>", "comment": "Entire CLI"}]}}}. Copilot CLI reads every JSON file in that folder, so the user's own hooks
 * live elsewhere, but anything a user added to this one is kept. Unlike the other agents' settings, an event lists
 * the handlers themselves, no matcher groups. A handler is Entire's when its {@code bash} runs
 * {@code hooks copilot-cli <verb>} for any event, whatever program precedes it (the Go tool wraps it in
 * {@code sh -c '... exec entire hooks copilot-cli <verb>'}).
 */
final class CopilotSettingsHooks implements AgentSettingsHooks {
    static final String FILE = ".github/hooks/entire.json";
    private static final Pattern OURS = Pattern.compile("(?:^|.*\\s)hooks copilot-cli (?:session-start"
            + "|user-prompt-submitted|agent-stop|session-end|subagent-stop|pre-tool-use|post-tool-use|error-occurred)"
            + "(?:['\\s].*)?", Pattern.DOTALL);
    // Copilot CLI 1.0.102 loads repository hooks only in a folder the user trusted (its config.json's
    // trusted_folders) or, for one new session in prompt mode, with --trust-folder; otherwise it skips them silently.
    private static final String TRUST_NOTICE = "Copilot CLI runs these hooks only in a folder it trusts: trust %s "
            + "when Copilot CLI asks (for a 'copilot -p' run in an untrusted folder, pass --trust-folder)";

    private final Path workTree;
    private final HookSettingsFile settings;

    CopilotSettingsHooks(Path workTree) {
        this.workTree = requireNonNull(workTree, "workTree is null");
        this.settings = new HookSettingsFile(workTree, FILE, OURS);
    }

    @Override
    public Path file() {
        return settings.file();
    }

    @Override
    public void requireNoLink() {
        settings.requireNoLink();
    }

    /**
     * Adds a handler to each installed event that holds none of Entire's; with {@link ExistingHooks#REPLACE} first
     * removes Entire's handlers from every event. Writes the file when it added any or replaced.
     */
    @Override
    public HookInstallation install(String commandPrefix, ExistingHooks existing) {
        requireNonNull(commandPrefix, "commandPrefix is null");
        requireNonNull(existing, "existing is null");
        JsonObject file = settings.read();
        Map<String, JsonValue> hooks = new LinkedHashMap<>(file.findObject("hooks").orElse(JsonObject.EMPTY)
                .members());
        int added = 0;
        for (CopilotHookEvent event : CopilotHookEvent.values()) {
            List<JsonValue> handlers = new ArrayList<>(hooks.getOrDefault(event.settingsName(),
                    new JsonArray(List.of())).elements());
            if (existing == ExistingHooks.REPLACE) {
                handlers = new ArrayList<>(withoutOurs(handlers));
            } else if (!event.installed() || handlers.stream().anyMatch(this::isOurs)) {
                continue;
            }
            if (event.installed()) {
                handlers.add(handler(commandPrefix + " hooks " + CopilotCli.SLUG + " " + event.verb()));
                added++;
            }
            put(hooks, event.settingsName(), handlers);
        }
        if (added > 0 || existing == ExistingHooks.REPLACE) {
            JsonObject versioned = file.find("version").isPresent() ? file
                    : HookSettingsFile.with(file, "version", Optional.of(JsonNumber.of(1)));
            settings.write(HookSettingsFile.with(versioned, "hooks", Optional.of(new JsonObject(hooks))));
        }
        return new HookInstallation(settings.file(), added, added > 0 ? List.of(TRUST_NOTICE.formatted(workTree))
                : List.of());
    }

    /**
     * Removes Entire's handlers, and events left empty; the file itself when nothing but its version is left (it is
     * Entire's own file). Returns how many handlers it removed.
     */
    @Override
    public int uninstall() {
        if (!Files.exists(settings.file())) {
            return 0;
        }
        JsonObject file = settings.read();
        Optional<JsonObject> hooks = file.findObject("hooks");
        if (hooks.isEmpty()) {
            return 0;
        }
        Map<String, JsonValue> kept = new LinkedHashMap<>();
        int removed = 0;
        for (Map.Entry<String, JsonValue> event : hooks.get().members().entrySet()) {
            if (!(event.getValue() instanceof JsonArray handlers)) {
                kept.put(event.getKey(), event.getValue());
                continue;
            }
            List<JsonValue> others = withoutOurs(handlers.elements());
            removed += handlers.elements().size() - others.size();
            put(kept, event.getKey(), others);
        }
        if (removed == 0) {
            return removed;
        }
        JsonObject result = HookSettingsFile.with(file, "hooks", kept.isEmpty() ? Optional.empty()
                : Optional.of(new JsonObject(kept)));
        if (HookSettingsFile.with(result, "version", Optional.empty()).members().isEmpty()) {
            settings.requireNoLink();
            delete(settings.file());
        } else {
            settings.write(result);
        }
        return removed;
    }

    @Override
    public boolean installed() {
        if (!Files.exists(settings.file())) {
            return false;
        }
        JsonObject hooks = settings.hooks();
        for (CopilotHookEvent event : CopilotHookEvent.values()) {
            if (event.installed() && hooks.member(event.settingsName()).elements().stream().noneMatch(this::isOurs)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean anyInstalled() {
        return settings.hooks().members().values().stream()
                .anyMatch(handlers -> handlers.elements().stream().anyMatch(this::isOurs));
    }

    @Override
    public List<String> problems() {
        JsonObject hooks = settings.hooks();
        return Arrays.stream(CopilotHookEvent.values())
                .filter(event -> event.installed()
                        && hooks.member(event.settingsName()).elements().stream().noneMatch(this::isOurs))
                .map(event -> event.settingsName() + " has no Entire hook")
                .toList();
    }

    private boolean isOurs(JsonValue handler) {
        return OURS.matcher(handler.member("bash").stringValue()).matches();
    }

    private List<JsonValue> withoutOurs(List<JsonValue> handlers) {
        return handlers.stream().filter(handler -> !isOurs(handler)).toList();
    }

    private static void put(Map<String, JsonValue> hooks, String event, List<JsonValue> handlers) {
        if (handlers.isEmpty()) {
            hooks.remove(event);
        } else {
            hooks.put(event, new JsonArray(handlers));
        }
    }

    private static JsonObject handler(String command) {
        Map<String, JsonValue> handler = new LinkedHashMap<>();
        handler.put("type", new JsonString("command"));
        handler.put("bash", new JsonString(command));
        handler.put("comment", new JsonString("Entire CLI"));
        return new JsonObject(handler);
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new EntireException(EntireException.Category.STORAGE, "cannot remove " + file + ": "
                    + e.getMessage(), e);
        }
    }
}
