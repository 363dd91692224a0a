package io.entire.core.agent.claudecode;

import static java.util.Objects.requireNonNull;

import io.entire.core.agent.AgentSettingsHooks;
import io.entire.core.agent.ExistingHooks;
import io.entire.core.agent.HookInstallation;
import io.entire.core.agent.HookSettingsFile;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Entire's entries in a project's {@code .claude/settings.json}: for each {@link ClaudeHookEvent}, a matcher group
 * {@code {"matcher": "", "hooks": [{"type": "command", "command": "<prefix> hooks claude-code <verb>"}]}}. Every
 * other key, event and hook in the file is kept as it was. An entry is Entire's when its command runs
 * {@code hooks claude-code <verb>}, whatever program precedes it. The Go tool's entries count too: it also hooks
 * subagents on {@code PreToolUse} and {@code PostToolUse} (read here from the transcripts instead), which a forced
 * install drops, and denies Claude reading {@code .entire/metadata}, a rule an uninstall takes out with its hooks.
 */
public final class ClaudeSettingsHooks implements AgentSettingsHooks {
    public static final String FILE = ".claude/settings.json";
    private static final Pattern OURS = Pattern.compile("(?:^|.*\\s)hooks claude-code (?:session-start"
            + "|user-prompt-submit|stop|session-end|pre-task|post-task|post-todo)\\s*");
    private static final List<String> GO_TOOL_EVENTS = List.of("PreToolUse", "PostToolUse");
    private static final String GO_METADATA_RULE = "Read(./.entire/metadata/**)";
    private static final String MARK = " hooks claude-code ";

    private final HookSettingsFile settings;

    public ClaudeSettingsHooks(Path workTree) {
        this.settings = new HookSettingsFile(workTree, FILE, OURS);
    }

    /** A {@link io.entire.core.LinkedPathException} when the file or its folder is a symbolic link. */
    @Override
    public void requireNoLink() {
        settings.requireNoLink();
    }

    @Override
    public Path file() {
        return settings.file();
    }

    /** Installs the hooks with {@code commandPrefix} ({@code entire}). */
    @Override
    public HookInstallation install(String commandPrefix, ExistingHooks existing) {
        requireNonNull(commandPrefix, "commandPrefix is null");
        List<HookSettingsFile.EventGroup> groups = new ArrayList<>();
        for (ClaudeHookEvent event : ClaudeHookEvent.values()) {
            groups.add(new HookSettingsFile.EventGroup(event.settingsName(),
                    Optional.of(group(commandPrefix + " hooks claude-code " + event.verb()))));
        }
        GO_TOOL_EVENTS.forEach(event -> groups.add(new HookSettingsFile.EventGroup(event, Optional.empty())));
        return new HookInstallation(settings.file(), settings.install(groups, existing), List.of());
    }

    /** Removes Entire's entries (and groups and events left empty); returns how many it removed. */
    @Override
    public int uninstall() {
        return settings.uninstall(ClaudeSettingsHooks::withoutGoMetadataRule);
    }

    /** The settings without the Go tool's deny rule, and without a deny list or permissions it alone made up. */
    private static JsonObject withoutGoMetadataRule(JsonObject settings) {
        Optional<JsonObject> permissions = settings.findObject("permissions");
        if (permissions.isEmpty() || !(permissions.get().member("deny") instanceof JsonArray deny)) {
            return settings;
        }
        List<JsonValue> rules = deny.elements().stream()
                .filter(rule -> !rule.equals(new JsonString(GO_METADATA_RULE))).toList();
        if (rules.size() == deny.elements().size()) {
            return settings;
        }
        JsonObject kept = HookSettingsFile.with(permissions.get(), "deny",
                rules.isEmpty() ? Optional.empty() : Optional.of(new JsonArray(rules)));
        return HookSettingsFile.with(settings, "permissions",
                kept.members().isEmpty() ? Optional.empty() : Optional.of(kept));
    }

    /** Whether every event has an Entire entry. */
    @Override
    public boolean installed() {
        return settings.everyEventHoldsOurs(Arrays.stream(ClaudeHookEvent.values())
                .map(ClaudeHookEvent::settingsName).toList());
    }

    @Override
    public boolean anyInstalled() {
        return settings.holdsAnyOfOurs();
    }

    /** Per event: no Entire entry, or one that runs another verb than the event's (an edit, an older install). */
    @Override
    public List<String> problems() {
        JsonObject hooks = settings.hooks();
        List<String> problems = new ArrayList<>();
        for (ClaudeHookEvent event : ClaudeHookEvent.values()) {
            List<String> ours = new ArrayList<>();
            for (JsonValue group : hooks.member(event.settingsName()).elements()) {
                for (JsonValue hook : group.member("hooks").elements()) {
                    String command = hook.member("command").stringValue();
                    if (command.contains(MARK)) {
                        ours.add(command);
                    }
                }
            }
            if (ours.isEmpty()) {
                problems.add(event.settingsName() + " has no Entire hook");
            } else if (ours.stream().noneMatch(command -> command.endsWith(MARK + event.verb()))) {
                problems.add(event.settingsName() + " runs '" + ours.get(0) + "', not '..." + MARK + event.verb()
                        + "'");
            }
        }
        return problems;
    }

    private static JsonObject group(String command) {
        Map<String, JsonValue> hook = new LinkedHashMap<>();
        hook.put("type", new JsonString("command"));
        hook.put("command", new JsonString(command));
        Map<String, JsonValue> group = new LinkedHashMap<>();
        group.put("matcher", new JsonString(""));
        group.put("hooks", new JsonArray(List.of(new JsonObject(hook))));
        return new JsonObject(group);
    }
}
