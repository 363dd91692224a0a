package io.entire.core.agent.codex;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.agent.ExistingHooks;
import io.entire.core.json.JsonFiles;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodexHooksFileTest {
    private static final String USERS = "{\"hooks\":{\"Stop\":[{\"hooks\":[{\"type\":\"command\",\"command\":"
            + "\"notify-send done\"}]}],\"PreToolUse\":[{\"matcher\":\"Bash\",\"hooks\":[{\"type\":\"command\","
            + "\"command\":\"check-bash\"}]}]},\"other\":1}";

    @TempDir
    Path workTree;

    @Test
    void installsAGroupPerEventAfterTheUsersKeepsEverythingAndUninstallsOnlyItsOwn() throws IOException {
        Path file = workTree.resolve(CodexHooksFile.FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, USERS);
        CodexHooksFile hooks = new CodexHooksFile(workTree);

        assertThat(hooks.install(hooks.plan("entire", ExistingHooks.KEEP))).isEqualTo(4);

        assertThat(hooks.installed()).isTrue();
        assertThat(hooks.entries()).containsExactly(
                new EntireHookEntry(CodexHookEvent.SESSION_START, 0, 0, "entire hooks codex session-start", 30),
                new EntireHookEntry(CodexHookEvent.USER_PROMPT_SUBMIT, 0, 0, "entire hooks codex user-prompt-submit",
                        30),
                new EntireHookEntry(CodexHookEvent.STOP, 1, 0, "entire hooks codex stop", 30),
                new EntireHookEntry(CodexHookEvent.SESSION_END, 0, 0, "entire hooks codex session-end", 3));
        JsonObject written = JsonFiles.readObject(file).orElseThrow();
        assertThat(JsonWriter.compact(written.member("hooks").member("Stop"))).isEqualTo("[{\"hooks\":[{\"type\":"
                + "\"command\",\"command\":\"notify-send done\"}]},{\"hooks\":[{\"type\":\"command\",\"command\":"
                + "\"entire hooks codex stop\",\"timeout\":30}]}]");
        assertThat(hooks.install(hooks.plan("entire", ExistingHooks.KEEP))).isZero();

        assertThat(hooks.uninstall()).isEqualTo(4);
        assertThat(JsonWriter.compact(JsonFiles.readObject(file).orElseThrow())).isEqualTo(USERS);
        assertThat(hooks.installed()).isFalse();
    }

    @Test
    void entriesWithAnotherCommandAreKeptUnlessReplaced() {
        CodexHooksFile hooks = new CodexHooksFile(workTree);
        hooks.install(hooks.plan("/opt/old/entire", ExistingHooks.KEEP));

        assertThat(hooks.install(hooks.plan("entire", ExistingHooks.KEEP))).isZero();
        assertThat(hooks.install(hooks.plan("entire", ExistingHooks.REPLACE))).isEqualTo(4);

        assertThat(hooks.entries()).extracting(EntireHookEntry::command).containsExactly(
                "entire hooks codex session-start", "entire hooks codex user-prompt-submit", "entire hooks codex stop",
                "entire hooks codex session-end");
    }

    @Test
    void uninstallRemovesWhatTheGoToolLeft() throws IOException {
        Path config = workTree.resolve(".codex/config.toml");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "model = \"o3\"\nnotify = [\"entire\", \"hooks\", \"codex\", \"agent-turn-complete\"]\n");
        Files.writeString(workTree.resolve(CodexHooksFile.FILE), "{\"hooks\":{\"SessionEnd\":[{\"hooks\":[{\"type\":"
                + "\"command\",\"command\":\"sh -c 'if ! command -v entire >/dev/null; then exit 0; fi; exec entire"
                + " hooks codex session-end'\",\"timeout\":3}]}]}}");
        CodexHooksFile hooks = new CodexHooksFile(workTree);

        assertThat(hooks.uninstall()).isEqualTo(2);

        assertThat(Files.readString(config)).isEqualTo("model = \"o3\"\n");
        assertThat(Files.readString(workTree.resolve(CodexHooksFile.FILE)).strip()).isEqualTo("{}");
    }
}
