package io.entire.core.agent.codex;

import static java.util.Objects.requireNonNull;

import io.entire.core.OwnFiles;
import io.entire.core.agent.ExistingHooks;
import io.entire.core.agent.HookSettingsFile;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonNumber;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * Entire's entries in a project's {@code .codex/hooks.json}: for each {@link CodexHookEvent}, a matcher group of its
 * own, {@code {"hooks": [{"type": "command", "command": "<prefix> hooks codex <verb>", "timeout": n}]}}, after the
 * groups already there, so the positions of the user's hooks (and the trust Codex keyed on them) stay put. Every
 * other key, event and hook in the file is kept. An entry is Entire's when its command runs
 * {@code hooks codex <verb>}, whatever precedes it (the Go tool's entries count too); the Go tool's older
 * {@code notify = ["entire", "hooks", "codex", "agent-turn-complete"]} line in {@code .codex/config.toml} is removed
 * on uninstall.
 */
public final class CodexHooksFile {
    public static final String FILE = ".codex/hooks.json";
    static final String PROJECT_CONFIG = ".codex/config.toml";
    private static final Pattern OURS = Pattern.compile("(?s)(?:^|.*\\s)hooks codex (?:session-start|session-end"
            + "|user-prompt-submit|stop|pre-tool-use|post-tool-use|subagent-start|subagent-stop)(?:[\\s'\"].*)?");
    private static final Pattern GO_NOTIFY = Pattern.compile("\\s*notify\\s*=.*\"entire\".*agent-turn-complete.*");

    private final Path workTree;
    private final HookSettingsFile settings;

    public CodexHooksFile(Path workTree) {
        this.workTree = requireNonNull(workTree, "workTree is null");
        this.settings = new HookSettingsFile(workTree, FILE, OURS);
    }

    /** A {@link io.entire.core.LinkedPathException} when the file or its folder is a symbolic link. */
    public void requireNoLink() {
        settings.requireNoLink();
    }

    public Path file() {
        return settings.file();
    }

    /** What {@link #install(Plan)} writes: the whole file with Entire's hooks, and how many entries that adds. */
    public record Plan(JsonObject file, int added) {
        public Plan {
            requireNonNull(file, "file is null");
        }
    }

    /** Writes what {@link #plan} planned; returns how many entries it added. */
    public int install(Plan plan) {
        if (plan.added() > 0) {
            settings.write(plan.file());
        }
        return plan.added();
    }

    /**
     * What installing the hooks running {@code commandPrefix} ({@code entire}) writes, with nothing written yet. An
     * Entire entry with another command is left with {@link ExistingHooks#KEEP} and replaced with
     * {@link ExistingHooks#REPLACE}.
     */
    public Plan plan(String commandPrefix, ExistingHooks existing) {
        requireNonNull(commandPrefix, "commandPrefix is null");
        requireNonNull(existing, "existing is null");
        JsonObject current = settings.read();
        Map<String, JsonValue> hooks = new LinkedHashMap<>(current.findObject("hooks").orElse(JsonObject.EMPTY)
                .members());
        int added = 0;
        for (CodexHookEvent event : CodexHookEvent.values()) {
            String command = commandPrefix + " hooks codex " + event.verb();
            List<JsonValue> groups = HookSettingsFile.groups(hooks, event.settingsName());
            if (groups.stream().anyMatch(group -> holds(group, command, event.timeoutSeconds()))
                    || existing == ExistingHooks.KEEP && groups.stream().anyMatch(settings::holdsOurs)) {
                continue;
            }
            List<JsonValue> replaced = new ArrayList<>(settings.withoutOurs(groups));
            replaced.add(group(command, event.timeoutSeconds()));
            hooks.put(event.settingsName(), new JsonArray(replaced));
            added++;
        }
        return added == 0 ? new Plan(current, 0)
                : new Plan(HookSettingsFile.with(current, "hooks", Optional.of(new JsonObject(hooks))), added);
    }

    /** Entire's handlers in the file, where they are; what Codex's trust record must name. */
    public List<EntireHookEntry> entries() {
        return entries(settings.hooks());
    }

    /** Entire's handlers in the file {@code plan} would write, where they would be. */
    public List<EntireHookEntry> entries(Plan plan) {
        return entries(plan.file().findObject("hooks").orElse(JsonObject.EMPTY));
    }

    private List<EntireHookEntry> entries(JsonObject hooks) {
        List<EntireHookEntry> entries = new ArrayList<>();
        for (CodexHookEvent event : CodexHookEvent.values()) {
            List<JsonValue> groups = hooks.member(event.settingsName()).elements();
            for (int group = 0; group < groups.size(); group++) {
                List<JsonValue> handlers = groups.get(group).member("hooks").elements();
                for (int handler = 0; handler < handlers.size(); handler++) {
                    JsonValue hook = handlers.get(handler);
                    if (settings.isOurs(hook)) {
                        long timeout = hook.member("timeout").isNull() ? 600 : hook.member("timeout").truncatedLong();
                        entries.add(new EntireHookEntry(event, group, handler, hook.member("command").stringValue(),
                                (int) Math.max(1, Math.min(timeout, Integer.MAX_VALUE))));
                    }
                }
            }
        }
        return entries;
    }

    /** Removes Entire's entries (and groups and events left empty) and the Go tool's notify line. */
    public int uninstall() {
        return removeGoNotify() + settings.uninstall(UnaryOperator.identity());
    }

    /** Whether every event has an Entire entry. */
    public boolean installed() {
        List<EntireHookEntry> entries = entries();
        for (CodexHookEvent event : CodexHookEvent.values()) {
            if (entries.stream().noneMatch(entry -> entry.event() == event)) {
                return false;
            }
        }
        return true;
    }

    private int removeGoNotify() {
        Path config = workTree.resolve(PROJECT_CONFIG);
        if (!Files.isRegularFile(config)) {
            return 0;
        }
        OwnFiles.requireNoLink(workTree, config);
        try {
            List<String> lines = Files.readAllLines(config, StandardCharsets.UTF_8);
            List<String> kept = lines.stream().filter(line -> !GO_NOTIFY.matcher(line).matches()).toList();
            if (kept.size() == lines.size()) {
                return 0;
            }
            Files.write(config, kept, StandardCharsets.UTF_8);
            return lines.size() - kept.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + config, e);
        }
    }

    private static boolean holds(JsonValue group, String command, int timeout) {
        return group.member("matcher").isNull() && group.member("hooks").elements().stream().anyMatch(hook ->
                hook.member("command").stringValue().equals(command)
                        && hook.member("timeout").truncatedLong() == timeout);
    }

    private static JsonValue group(String command, int timeout) {
        Map<String, JsonValue> hook = new LinkedHashMap<>();
        hook.put("type", new JsonString("command"));
        hook.put("command", new JsonString(command));
        hook.put("timeout", JsonNumber.of(timeout));
        return new JsonObject(Map.of("hooks", new JsonArray(List.of(new JsonObject(hook)))));
    }
}
