package io.entire.core.agent.gemini;

import static java.util.Objects.requireNonNull;

import io.entire.core.agent.AgentSettingsHooks;
import io.entire.core.agent.ExistingHooks;
import io.entire.core.agent.HookInstallation;
import io.entire.core.agent.HookSettingsFile;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonBoolean;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import java.nio.file.Path;
import java.util.Arrays;
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
    private final HookSettingsFile settings;

    GeminiSettingsHooks(Path workTree) {
        this.workTree = requireNonNull(workTree, "workTree is null");
        this.settings = new HookSettingsFile(workTree, FILE, OURS);
    }

    @Override
    public void requireNoLink() {
        settings.requireNoLink();
    }

    @Override
    public Path file() {
        return settings.file();
    }

    @Override
    public HookInstallation install(String commandPrefix, ExistingHooks existing) {
        requireNonNull(commandPrefix, "commandPrefix is null");
        List<HookSettingsFile.EventGroup> groups = Arrays.stream(GeminiHookEvent.values())
                .map(event -> new HookSettingsFile.EventGroup(event.settingsName(), event.installed()
                        ? Optional.of(group(event, commandPrefix + " hooks gemini " + event.verb()))
                        : Optional.empty()))
                .toList();
        int added = settings.install(groups, existing);
        return new HookInstallation(settings.file(), added, added > 0 ? List.of(TRUST_NOTICE.formatted(workTree))
                : List.of());
    }

    /**
     * Removes Entire's entries (and groups and events left empty), and the Go tool's {@code hooksConfig} when no hook
     * is left for it to enable; returns how many entries it removed.
     */
    @Override
    public int uninstall() {
        return settings.uninstall(result -> result.find("hooks").isEmpty()
                && result.find("hooksConfig").filter(GO_HOOKS_CONFIG::equals).isPresent()
                ? HookSettingsFile.with(result, "hooksConfig", Optional.empty())
                : result);
    }

    /** Whether every event Entire installs has an Entire entry. */
    @Override
    public boolean installed() {
        return settings.everyEventHoldsOurs(installedEvents());
    }

    @Override
    public boolean anyInstalled() {
        return settings.holdsAnyOfOurs();
    }

    @Override
    public List<String> problems() {
        return settings.eventsWithoutOurs(installedEvents());
    }

    private static List<String> installedEvents() {
        return Arrays.stream(GeminiHookEvent.values()).filter(GeminiHookEvent::installed)
                .map(GeminiHookEvent::settingsName).toList();
    }

    private static JsonObject group(GeminiHookEvent event, String command) {
        Map<String, JsonValue> hook = new LinkedHashMap<>();
        hook.put("name", new JsonString("entire-" + event.verb()));
        hook.put("type", new JsonString("command"));
        hook.put("command", new JsonString(command));
        Map<String, JsonValue> group = new LinkedHashMap<>();
        group.put("matcher", new JsonString(""));
        group.put("hooks", new JsonArray(List.of(new JsonObject(hook))));
        return new JsonObject(group);
    }
}
