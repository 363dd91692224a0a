package io.entire.core.agent.copilot;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.agent.ExistingHooks;
import io.entire.core.agent.HookInstallation;
import io.entire.core.json.JsonFiles;
import io.entire.core.json.JsonWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopilotSettingsHooksTest {
    private static final String USERS = "{\"version\":1,\"hooks\":{\"agentStop\":[{\"type\":\"command\",\"bash\":"
            + "\"notify-send done\",\"timeoutSec\":5}]},\"disableAllHooks\":false}";
    // What the Go tool wrote: all eight events, each wrapped so that a missing binary is no error.
    private static final String GO_WRAPPED = "sh -c 'if ! command -v entire >/dev/null 2>&1; then exit 0; fi; exec "
            + "entire hooks copilot-cli %s'";

    @TempDir
    Path workTree;

    @Test
    void installsAHandlerPerTurnEventAfterTheUsersKeepsEverythingAndUninstallsOnlyItsOwn() throws IOException {
        Path file = workTree.resolve(CopilotSettingsHooks.FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, USERS);
        CopilotSettingsHooks hooks = new CopilotSettingsHooks(workTree);

        HookInstallation installation = hooks.install("entire", ExistingHooks.KEEP);

        assertThat(installation.added()).isEqualTo(4);
        assertThat(installation.notices()).singleElement().asString().contains("trust " + workTree);
        assertThat(hooks.installed()).isTrue();
        assertThat(JsonWriter.compact(JsonFiles.readObject(file).orElseThrow())).isEqualTo("{\"version\":1,"
                + "\"hooks\":{\"agentStop\":[{\"type\":\"command\",\"bash\":\"notify-send done\",\"timeoutSec\":5},"
                + "{\"type\":\"command\",\"bash\":\"entire hooks copilot-cli agent-stop\",\"comment\":\"Entire CLI\"}],"
                + "\"sessionStart\":[{\"type\":\"command\",\"bash\":\"entire hooks copilot-cli session-start\","
                + "\"comment\":\"Entire CLI\"}],\"userPromptSubmitted\":[{\"type\":\"command\",\"bash\":"
                + "\"entire hooks copilot-cli user-prompt-submitted\",\"comment\":\"Entire CLI\"}],\"sessionEnd\":"
                + "[{\"type\":\"command\",\"bash\":\"entire hooks copilot-cli session-end\",\"comment\":"
                + "\"Entire CLI\"}]},\"disableAllHooks\":false}");
        assertThat(hooks.install("entire", ExistingHooks.KEEP).added()).isZero();

        assertThat(hooks.uninstall()).isEqualTo(4);
        assertThat(JsonWriter.compact(JsonFiles.readObject(file).orElseThrow())).isEqualTo(USERS);
        assertThat(hooks.installed()).isFalse();
    }

    @Test
    void aFileThatHeldOnlyEntiresHooksIsRemovedWithTheGoToolsWrappedEntries() throws IOException {
        Path file = workTree.resolve(CopilotSettingsHooks.FILE);
        Files.createDirectories(file.getParent());
        StringBuilder go = new StringBuilder("{\"version\":1,\"hooks\":{");
        String[][] events = {{"userPromptSubmitted", "user-prompt-submitted"}, {"sessionStart", "session-start"},
            {"agentStop", "agent-stop"}, {"sessionEnd", "session-end"}, {"subagentStop", "subagent-stop"},
            {"preToolUse", "pre-tool-use"}, {"postToolUse", "post-tool-use"}, {"errorOccurred", "error-occurred"}};
        for (String[] event : events) {
            go.append(go.charAt(go.length() - 1) == '{' ? "" : ",").append('"').append(event[0])
                    .append("\":[{\"type\":\"command\",\"bash\":\"").append(GO_WRAPPED.formatted(event[1]))
                    .append("\",\"comment\":\"Entire CLI\"}]");
        }
        Files.writeString(file, go.append("}}").toString());
        CopilotSettingsHooks hooks = new CopilotSettingsHooks(workTree);
        assertThat(hooks.installed()).isTrue();

        assertThat(hooks.uninstall()).isEqualTo(8);

        assertThat(file).doesNotExist();
        assertThat(hooks.uninstall()).isZero();
    }

    @Test
    void replacingSwapsAnotherCommandsEntriesForTheNewOnes() throws IOException {
        CopilotSettingsHooks hooks = new CopilotSettingsHooks(workTree);
        hooks.install("/opt/old/entire", ExistingHooks.KEEP);

        assertThat(hooks.install("entire", ExistingHooks.KEEP).added()).isZero();
        assertThat(hooks.install("entire", ExistingHooks.REPLACE).added()).isEqualTo(4);

        String written = Files.readString(workTree.resolve(CopilotSettingsHooks.FILE));
        assertThat(written).doesNotContain("/opt/old/entire").contains("\"bash\": \"entire hooks copilot-cli "
                + "agent-stop\"");
    }
}
