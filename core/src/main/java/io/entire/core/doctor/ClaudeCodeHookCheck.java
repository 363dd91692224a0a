package io.entire.core.doctor;

import io.entire.core.agent.claudecode.ClaudeHookEvent;
import io.entire.core.agent.claudecode.ClaudeSettingsHooks;
import io.entire.core.json.JsonFiles;
import io.entire.core.json.JsonFormatException;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Claude Code's hooks in {@code .claude/settings.json}: every event runs {@code <entire> hooks claude-code <verb>}. */
final class ClaudeCodeHookCheck implements AgentHookCheck {
    private static final String MARK = " hooks claude-code ";

    @Override
    public String agentName() {
        return "Claude Code";
    }

    @Override
    public List<String> problems(Path workTree) {
        Path file = workTree.resolve(ClaudeSettingsHooks.FILE);
        JsonObject settings;
        try {
            settings = JsonFiles.readObject(file).orElse(JsonObject.EMPTY);
        } catch (JsonFormatException e) {
            return List.of(ClaudeSettingsHooks.FILE + " is not valid JSON (" + e.getMessage() + ")");
        }
        JsonObject hooks = settings.findObject("hooks").orElse(JsonObject.EMPTY);
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
                problems.add(event.settingsName() + " runs '" + ours.get(0) + "', not '... hooks claude-code "
                        + event.verb() + "'");
            }
        }
        return problems;
    }
}
