package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code entire enable --agent gemini} and {@code disable --uninstall} in a repository with Gemini CLI settings. */
class GeminiEnableDisableTest {
    private static final String USERS_SETTINGS = "{\n  \"model\": {\n    \"name\": \"gemini-2.5-pro\"\n  }\n}\n";
    /** What the Go tool's {@code enable} left: one of its eleven events, and the switch it turned on. */
    private static final String GO_LEFTOVERS = "{\n  \"model\": {\n    \"name\": \"gemini-2.5-pro\"\n  },\n"
            + "  \"hooks\": {\"BeforeModel\": [{\"hooks\": [{\"name\": \"entire-before-model\", \"type\": \"command\","
            + " \"command\": \"entire hooks gemini before-model\"}]}]},\n  \"hooksConfig\": {\"enabled\": true}\n}\n";

    @TempDir
    Path temp;

    @Test
    void enableInstallsGeminisHooksAndSaysItNeedsATrustedFolderAndUninstallLeavesTheUsersSettings()
            throws IOException {
        Sandbox workspace = new Sandbox(temp.resolve("work")).commit("initial");
        LiveCapture live = new LiveCapture(workspace);
        Path settings = workspace.repo.resolve(".gemini/settings.json");
        Files.createDirectories(settings.getParent());
        Files.writeString(settings, GO_LEFTOVERS);

        CliRun enabled = live.enable("--agent", "gemini");

        assertThat(enabled.out()).contains(".gemini/settings.json", "Gemini CLI runs these hooks only in a folder it"
                + " trusts");
        assertThat(Files.readString(settings)).contains("hooks gemini session-start", "hooks gemini before-agent",
                "hooks gemini after-agent", "hooks gemini session-end", "entire hooks gemini before-model");
        assertThat(workspace.repo.resolve(".claude/settings.json")).as("only the agent asked for").doesNotExist();

        CliRun disabled = live.run("disable", "--uninstall");

        assertThat(disabled.exitCode()).as(disabled.toString()).isZero();
        assertThat(Files.readString(settings)).isEqualTo(USERS_SETTINGS);
    }
}
