package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code entire enable --agent codex} and {@code disable --uninstall}: the hooks, their trust record, nothing else. */
class CodexEnableTest {
    private static final String USERS_CONFIG = "model = \"o3\"\n\n[projects.\"/elsewhere\"]\ntrust_level = \"trusted\"\n";
    private static final String USERS_HOOKS = "{\"hooks\":{\"Stop\":[{\"hooks\":[{\"type\":\"command\",\"command\":"
            + "\"notify-send done\"}]}]}}";

    @TempDir
    Path temp;

    @Test
    void enableTrustsTheHooksItInstallsAndSaysSoAndUninstallTakesBothOutAgain() throws IOException {
        Sandbox workspace = new Sandbox(temp);
        workspace.commit("initial");
        Path config = Files.createDirectories(temp.resolve(".codex")).resolve("config.toml");
        Files.writeString(config, USERS_CONFIG);
        Path hooksJson = Files.createDirectories(workspace.repo.resolve(".codex")).resolve("hooks.json");
        Files.writeString(hooksJson, USERS_HOOKS);
        LiveCapture live = new LiveCapture(workspace);

        CliRun enable = live.enable("--agent", "codex");

        Path realHooksJson = hooksJson.toRealPath();
        assertThat(enable.out()).contains("Codex hooks: 4 added to .codex/hooks.json")
                .contains("Codex: trusted Entire's 4 hooks in " + config)
                .contains("Codex: marked " + workspace.repo.toRealPath() + " as a trusted project in " + config);
        String trusted = Files.readString(config);
        assertThat(trusted).startsWith(USERS_CONFIG)
                .contains("[hooks.state.\"" + realHooksJson + ":session_start:0:0\"]")
                .contains("[hooks.state.\"" + realHooksJson + ":user_prompt_submit:0:0\"]")
                .contains("[hooks.state.\"" + realHooksJson + ":stop:1:0\"]")
                .contains("[hooks.state.\"" + realHooksJson + ":session_end:0:0\"]")
                .contains("[projects.\"" + workspace.repo.toRealPath() + "\"]\ntrust_level = \"trusted\"");
        assertThat(Files.readString(hooksJson)).contains("notify-send done").contains("hooks codex stop");

        CliRun again = live.enable("--agent", "codex");
        assertThat(again.out()).contains("Codex hooks: already in .codex/hooks.json").doesNotContain("Codex: trusted");
        assertThat(Files.readString(config)).isEqualTo(trusted);

        CliRun disable = live.run("disable", "--uninstall");
        assertThat(disable.exitCode()).as(disable.toString()).isZero();
        assertThat(Files.readString(config)).isEqualTo(USERS_CONFIG + "\n[projects.\""
                + workspace.repo.toRealPath() + "\"]\ntrust_level = \"trusted\"\n");
        assertThat(JsonWriter.compact(new JsonReader().parseObject(Files.readAllBytes(hooksJson)))).isEqualTo(USERS_HOOKS);
    }

    @Test
    void aConfigKeepingHooksInlineStopsEnableBeforeItInstallsAHook() throws IOException {
        Sandbox workspace = new Sandbox(temp);
        workspace.commit("initial");
        Path config = Files.createDirectories(temp.resolve(".codex")).resolve("config.toml");
        String inline = "hooks = { state = {} }\n";
        Files.writeString(config, inline);

        CliRun enable = new LiveCapture(workspace).run("enable", "--agent", "codex");

        assertThat(enable.exitCode()).as(enable.toString()).isEqualTo(1);
        assertThat(enable.err()).contains(config.toString()).contains("/hooks");
        assertThat(workspace.repo.resolve(".codex/hooks.json")).doesNotExist();
        assertThat(Files.readString(config)).isEqualTo(inline);
    }
}
