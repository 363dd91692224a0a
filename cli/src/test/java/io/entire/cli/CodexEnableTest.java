package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    @ParameterizedTest
    @ValueSource(strings = {"projects = [\n", "= = =\n", "[projects.'REPO']\nmodel = \"o3\"\n",
        "projects.\"REPO\".model = \"o3\"\n", "[hooks]\nstate = \"on\"\n"})
    void aConfigEnableCannotEditRightStopsItWithOneLineAndNothingWritten(String users) throws IOException {
        Sandbox workspace = new Sandbox(temp);
        workspace.commit("initial");
        Path config = Files.createDirectories(temp.resolve(".codex")).resolve("config.toml");
        String text = users.replace("REPO", workspace.repo.toRealPath().toString());
        Files.writeString(config, text);

        CliRun enable = new LiveCapture(workspace).run("enable", "--agent", "codex");

        assertThat(enable.exitCode()).as(enable.toString()).isEqualTo(1);
        assertThat(enable.err()).startsWith("entire: " + config).hasLineCount(1);
        assertThat(workspace.repo.resolve(".codex/hooks.json")).doesNotExist();
        assertThat(workspace.repo.resolve(".entire/settings.json")).doesNotExist();
        assertThat(workspace.repo.resolve(".git/hooks/post-commit")).doesNotExist();
        assertThat(Files.readString(config)).isEqualTo(text);
    }

    @Test
    void aProjectMarkedUntrustedInAnyFormStaysSoAndTheConfigStaysValid() throws IOException {
        Sandbox workspace = new Sandbox(temp);
        workspace.commit("initial");
        Path config = Files.createDirectories(temp.resolve(".codex")).resolve("config.toml");
        String users = "[projects.'" + workspace.repo.toRealPath() + "']\ntrust_level = \"untrusted\"\n";
        Files.writeString(config, users);

        CliRun enable = new LiveCapture(workspace).enable("--agent", "codex");

        assertThat(enable.out()).contains("is marked untrusted in " + config);
        assertThat(Files.readString(config)).startsWith(users).doesNotContain("trust_level = \"trusted\"")
                .contains("[hooks.state.");
    }
}
