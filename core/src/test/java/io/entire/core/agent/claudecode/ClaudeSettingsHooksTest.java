package io.entire.core.agent.claudecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entire.core.EntireException;
import io.entire.core.agent.ExistingHooks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaudeSettingsHooksTest {
    private static final String OTHERS = "{\n  \"env\": {\"A\": \"1\"},\n  \"hooks\": {\n"
            + "    \"Stop\": [{\"matcher\": \"\", \"hooks\": [{\"type\": \"command\","
            + " \"command\": \"notify-send done\"}]}],\n"
            + "    \"PreToolUse\": [{\"matcher\": \"Bash\", \"hooks\": [{\"type\": \"command\","
            + " \"command\": \"check-bash\"}]}]\n  }\n}\n";

    @TempDir
    Path workTree;

    @Test
    void installsOneEntryPerEventKeepsEverythingElseAndUninstallsOnlyItsOwn() throws IOException {
        Path file = workTree.resolve(".claude/settings.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, OTHERS);
        ClaudeSettingsHooks hooks = new ClaudeSettingsHooks(workTree);

        assertThat(hooks.install("entire", ExistingHooks.KEEP).added()).isEqualTo(4);
        String installed = Files.readString(file);
        assertThat(hooks.install("entire", ExistingHooks.KEEP).added()).isZero();
        assertThat(Files.readString(file)).isEqualTo(installed);
        assertThat(hooks.installed()).isTrue();
        assertThat(installed).startsWith("{\n  \"env\": {\n    \"A\": \"1\"\n  },\n  \"hooks\": {\n    \"Stop\": [")
                .contains("\"command\": \"notify-send done\"", "\"command\": \"check-bash\"",
                        "\"command\": \"entire hooks claude-code stop\"",
                        "\"SessionStart\": [\n      {\n        \"matcher\": \"\",\n        \"hooks\": [\n          {\n"
                                + "            \"type\": \"command\",\n"
                                + "            \"command\": \"entire hooks claude-code session-start\"");

        assertThat(hooks.install("/opt/entire", ExistingHooks.KEEP).added()).as("Entire's entries are there")
                .isZero();
        assertThat(hooks.install("/opt/entire", ExistingHooks.REPLACE).added()).isEqualTo(4);
        assertThat(Files.readString(file)).contains("/opt/entire hooks claude-code stop")
                .doesNotContain("\"entire hooks claude-code stop\"");

        assertThat(hooks.uninstall()).isEqualTo(4);
        assertThat(Files.readString(file)).isEqualTo("{\n  \"env\": {\n    \"A\": \"1\"\n  },\n  \"hooks\": {\n"
                + "    \"Stop\": [\n      {\n        \"matcher\": \"\",\n        \"hooks\": [\n          {\n"
                + "            \"type\": \"command\",\n            \"command\": \"notify-send done\"\n          }\n"
                + "        ]\n      }\n    ],\n    \"PreToolUse\": [\n      {\n        \"matcher\": \"Bash\",\n"
                + "        \"hooks\": [\n          {\n            \"type\": \"command\",\n"
                + "            \"command\": \"check-bash\"\n          }\n        ]\n      }\n    ]\n  }\n}\n");
        assertThat(hooks.installed()).isFalse();
    }

    @Test
    void aFileThatIsNotJsonIsAClearErrorAndIsLeftAlone() throws IOException {
        Path file = workTree.resolve(".claude/settings.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{ \"hooks\": ");

        assertThatThrownBy(() -> new ClaudeSettingsHooks(workTree).install("entire",
                ExistingHooks.KEEP)).isInstanceOf(EntireException.class)
                .hasMessageContaining("is not valid JSON").hasMessageContaining("fix it or move it away");
        assertThat(Files.readString(file)).isEqualTo("{ \"hooks\": ");
    }
}
