package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code .claude/settings.json} the Go tool's {@code entire enable} wrote (agent/claudecode/hooks.go: its four
 * session hooks, its subagent hooks on {@code PreToolUse[Task]}, {@code PostToolUse[Task]} and
 * {@code PostToolUse[TodoWrite]}, and its deny rule on the metadata folder), around a user's own hooks and rules.
 */
class GoClaudeSettingsTest {
    private static final String METADATA_RULE = "Read(./.entire/metadata/**)";
    private static final String GO_SETTINGS = """
            {
              "hooks": {
                "PostToolUse": [
                  {"matcher": "Write", "hooks": [{"type": "command", "command": "prettier --write ."}]},
                  {"matcher": "Task", "hooks": [{"type": "command", "command": "entire hooks claude-code post-task"}]},
                  {"matcher": "TodoWrite",
                   "hooks": [{"type": "command", "command": "entire hooks claude-code post-todo"}]}
                ],
                "PreToolUse": [
                  {"matcher": "Task", "hooks": [{"type": "command", "command": "notify-send task"},
                    {"type": "command", "command": "entire hooks claude-code pre-task"}]}
                ],
                "SessionEnd": [{"matcher": "",
                  "hooks": [{"type": "command", "command": "entire hooks claude-code session-end"}]}],
                "SessionStart": [{"matcher": "",
                  "hooks": [{"type": "command", "command": "entire hooks claude-code session-start"}]}],
                "Stop": [{"matcher": "", "hooks": [{"type": "command", "command": "say done"},
                  {"type": "command", "command": "entire hooks claude-code stop"}]}],
                "UserPromptSubmit": [{"matcher": "",
                  "hooks": [{"type": "command", "command": "entire hooks claude-code user-prompt-submit"}]}]
              },
              "model": "opus",
              "permissions": {
                "allow": ["Bash(ls)"],
                "deny": ["Read(./secrets/**)", "Read(./.entire/metadata/**)"]
              }
            }
            """;

    @TempDir
    Path temp;
    Sandbox workspace;
    LiveCapture live;
    Path claude;

    @BeforeEach
    void setUp() throws IOException {
        workspace = new Sandbox(temp.resolve("work")).commit("initial");
        live = new LiveCapture(workspace);
        claude = workspace.repo.resolve(".claude/settings.json");
        Files.createDirectories(claude.getParent());
        Files.writeString(claude, GO_SETTINGS);
    }

    @Test
    void enableForceReplacesTheGoToolsHooksWithOursAndKeepsTheUsers() throws IOException {
        live.enable("--force");

        String text = Files.readString(claude);
        assertThat(text).doesNotContain("pre-task", "post-task", "post-todo");
        JsonObject settings = read();
        assertThat(commands(settings, "PreToolUse")).containsExactly("notify-send task");
        assertThat(commands(settings, "PostToolUse")).containsExactly("prettier --write .");
        assertThat(commands(settings, "Stop")).hasSize(2).contains("say done")
                .anyMatch(command -> command.endsWith(" hooks claude-code stop"));
        for (String event : List.of("SessionStart", "UserPromptSubmit", "SessionEnd")) {
            assertThat(commands(settings, event)).as(event).singleElement().asString().contains("hooks claude-code");
        }
        assertThat(settings.findString("model")).contains("opus");
        assertThat(settings.findObject("permissions").orElseThrow().strings("allow")).containsExactly("Bash(ls)");
        assertThat(settings.findObject("permissions").orElseThrow().strings("deny")).contains("Read(./secrets/**)");
    }

    @Test
    void uninstallRemovesTheGoToolsHooksAndItsDenyRuleAndNothingElse() throws IOException {
        live.enable();

        CliRun uninstall = live.run("disable", "--uninstall", "--force");

        assertThat(uninstall.exitCode()).as(uninstall.toString()).isZero();
        JsonObject settings = read();
        assertThat(Files.readString(claude)).doesNotContain("hooks claude-code", METADATA_RULE);
        assertThat(settings.findObject("hooks").orElseThrow().members().keySet())
                .containsExactly("PostToolUse", "PreToolUse", "Stop");
        assertThat(commands(settings, "PreToolUse")).containsExactly("notify-send task");
        assertThat(commands(settings, "PostToolUse")).containsExactly("prettier --write .");
        assertThat(commands(settings, "Stop")).containsExactly("say done");
        assertThat(settings.findString("model")).contains("opus");
        assertThat(settings.findObject("permissions").orElseThrow().strings("allow")).containsExactly("Bash(ls)");
        assertThat(settings.findObject("permissions").orElseThrow().strings("deny"))
                .containsExactly("Read(./secrets/**)");
    }

    @Test
    void uninstallDropsPermissionsTheDenyRuleAloneMadeUp() throws IOException {
        Files.writeString(claude, """
                {"hooks": {"PreToolUse": [{"matcher": "Task",
                  "hooks": [{"type": "command", "command": "entire hooks claude-code pre-task"}]}]},
                 "permissions": {"deny": ["Read(./.entire/metadata/**)"]}, "model": "opus"}
                """);

        CliRun uninstall = live.run("disable", "--uninstall", "--force");

        assertThat(uninstall.exitCode()).as(uninstall.toString()).isZero();
        assertThat(read().members().keySet()).containsExactly("model");
    }

    private JsonObject read() throws IOException {
        return new JsonReader().parseObject(Files.readAllBytes(claude));
    }

    private static List<String> commands(JsonObject settings, String event) {
        return settings.member("hooks").member(event).elements().stream()
                .flatMap(group -> group.member("hooks").elements().stream())
                .map(hook -> hook.member("command").stringValue()).toList();
    }
}
