package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code entire enable --agent copilot} and {@code disable --uninstall} in a repository with Copilot CLI hooks of the
 * user's own and one the Go tool left.
 */
class CopilotEnableDisableTest {
    private static final String USERS_HOOKS = "{\"version\": 1, \"hooks\": {\"sessionEnd\": [{\"type\": \"command\","
            + " \"bash\": \"./scripts/log-session.sh\"}]}}\n";
    /** What the Go tool's {@code enable} left in its own file: one of its eight events, wrapped as it wrote them. */
    private static final String GO_LEFTOVERS = "{\"version\": 1, \"hooks\": {\"errorOccurred\": [{\"type\":"
            + " \"command\", \"bash\": \"sh -c 'if ! command -v entire >/dev/null 2>&1; then exit 0; fi;"
            + " exec entire hooks copilot-cli error-occurred'\", \"comment\": \"Entire CLI\"}]}}\n";

    @TempDir
    Path temp;

    @Test
    void enableInstallsCopilotsHooksAndSaysItNeedsATrustedFolderAndUninstallLeavesTheUsersHooks() throws IOException {
        Sandbox workspace = new Sandbox(temp.resolve("work")).commit("initial");
        LiveCapture live = new LiveCapture(workspace);
        Path hooks = Files.createDirectories(workspace.repo.resolve(".github/hooks"));
        Files.writeString(hooks.resolve("audit.json"), USERS_HOOKS);
        Files.writeString(hooks.resolve("entire.json"), GO_LEFTOVERS);

        CliRun enabled = live.enable("--agent", "copilot");

        assertThat(enabled.out()).contains(".github/hooks/entire.json", "Copilot CLI runs these hooks only in a "
                + "folder it trusts");
        assertThat(Files.readString(hooks.resolve("entire.json"))).contains("hooks copilot-cli session-start",
                "hooks copilot-cli user-prompt-submitted", "hooks copilot-cli agent-stop",
                "hooks copilot-cli session-end", "exec entire hooks copilot-cli error-occurred");
        assertThat(workspace.repo.resolve(".claude/settings.json")).as("only the agent asked for").doesNotExist();

        CliRun disabled = live.run("disable", "--uninstall");

        assertThat(disabled.exitCode()).as(disabled.toString()).isZero();
        assertThat(hooks.resolve("entire.json")).doesNotExist();
        assertThat(Files.readString(hooks.resolve("audit.json"))).isEqualTo(USERS_HOOKS);
    }
}
