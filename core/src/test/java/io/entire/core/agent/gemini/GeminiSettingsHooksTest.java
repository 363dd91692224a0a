package io.entire.core.agent.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entire.core.EntireException;
import io.entire.core.agent.ExistingHooks;
import io.entire.core.agent.HookInstallation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeminiSettingsHooksTest {
    private static final String OTHERS = "{\n  \"model\": {\n    \"name\": \"gemini-2.5-pro\"\n  },\n  \"hooks\": {\n"
            + "    \"AfterTool\": [\n      {\n        \"matcher\": \"write_file\",\n        \"hooks\": [\n"
            + "          {\n            \"name\": \"fmt\",\n            \"type\": \"command\",\n"
            + "            \"command\": \"npx prettier --write\"\n          }\n        ]\n      }\n    ]\n  }\n}\n";

    private static final String USERS_AFTER_TOOL = "{\"matcher\":\"write_file\",\"hooks\":[{\"name\":\"fmt\","
            + "\"type\":\"command\",\"command\":\"npx prettier --write\"}]},";

    @TempDir
    Path workTree;

    @Test
    void installsTheFourTurnAndSessionHooksKeepingEverythingElseAndUninstallsOnlyItsOwn() throws IOException {
        Path file = settings(OTHERS);
        GeminiSettingsHooks hooks = new GeminiSettingsHooks(workTree);

        HookInstallation installation = hooks.install("entire", ExistingHooks.KEEP);
        assertThat(installation.added()).isEqualTo(4);
        assertThat(installation.settingsFile()).isEqualTo(file);
        assertThat(installation.notices()).containsExactly("Gemini CLI runs these hooks only in a folder it trusts: "
                + "trust " + workTree + " when Gemini CLI asks (or in ~/.gemini/trustedFolders.json)");
        String installed = Files.readString(file);
        assertThat(hooks.install("entire", ExistingHooks.KEEP).notices()).as("nothing added").isEmpty();
        assertThat(Files.readString(file)).isEqualTo(installed);
        assertThat(hooks.installed()).isTrue();
        assertThat(installed).startsWith("{\n  \"model\": {\n    \"name\": \"gemini-2.5-pro\"\n  },\n  \"hooks\": {\n"
                + "    \"AfterTool\": [").contains("\"command\": \"npx prettier --write\"",
                "\"BeforeAgent\": [\n      {\n        \"matcher\": \"\",\n        \"hooks\": [\n          {\n"
                        + "            \"name\": \"entire-before-agent\",\n            \"type\": \"command\",\n"
                        + "            \"command\": \"entire hooks gemini before-agent\"",
                "entire hooks gemini session-start", "entire hooks gemini after-agent",
                "entire hooks gemini session-end").doesNotContain("before-model", "hooksConfig");

        assertThat(hooks.install("/opt/entire", ExistingHooks.REPLACE).added()).isEqualTo(4);
        assertThat(Files.readString(file)).contains("/opt/entire hooks gemini after-agent")
                .doesNotContain("\"entire hooks gemini after-agent\"");

        assertThat(hooks.uninstall()).isEqualTo(4);
        assertThat(Files.readString(file)).isEqualTo(OTHERS);
        assertThat(hooks.installed()).isFalse();
    }

    @Test
    void uninstallRemovesEverythingAnOlderGoInstallLeft() throws IOException {
        Path file = settings(goInstall(""));
        GeminiSettingsHooks hooks = new GeminiSettingsHooks(workTree);
        assertThat(hooks.installed()).as("the Go tool's entries count as installed").isTrue();

        assertThat(hooks.uninstall()).isEqualTo(12);

        assertThat(Files.readString(file)).isEqualTo("{\n  \"model\": {\n    \"name\": \"gemini-2.5-pro\"\n  }\n}\n");
    }

    @Test
    void theGoToolsHooksConfigStaysWhileAHookOfTheUsersMayNeedIt() throws IOException {
        Path file = settings(goInstall(USERS_AFTER_TOOL));

        assertThat(new GeminiSettingsHooks(workTree).uninstall()).isEqualTo(12);

        assertThat(Files.readString(file)).isEqualTo(OTHERS.substring(0, OTHERS.length() - "}\n".length())
                .replaceFirst("  }\n$", "  },\n") + "  \"hooksConfig\": {\n    \"enabled\": true\n  }\n}\n");
    }

    @Test
    void aFileThatIsNotJsonIsAClearErrorAndIsLeftAlone() throws IOException {
        Path file = settings("{\"hooks\": ");
        GeminiSettingsHooks hooks = new GeminiSettingsHooks(workTree);

        assertThatThrownBy(() -> hooks.install("entire", ExistingHooks.KEEP))
                .isInstanceOf(EntireException.class).hasMessageContaining(".gemini/settings.json is not valid JSON");
        assertThat(Files.readString(file)).isEqualTo("{\"hooks\": ");
    }

    /** What the Go tool's {@code enable} wrote next to the user's settings: eleven events, twelve hooks. */
    private static String goInstall(String usersAfterTool) {
        StringBuilder hooks = new StringBuilder();
        hooks.append("\"AfterAgent\":[{\"hooks\":[").append(goHook("after-agent")).append("]}],");
        hooks.append("\"AfterModel\":[{\"hooks\":[").append(goHook("after-model")).append("]}],");
        hooks.append("\"AfterTool\":[").append(usersAfterTool).append("{\"matcher\":\"*\",\"hooks\":[")
                .append(goHook("after-tool")).append("]}],");
        hooks.append("\"BeforeAgent\":[{\"hooks\":[").append(goHook("before-agent")).append("]}],");
        hooks.append("\"BeforeModel\":[{\"hooks\":[").append(goHook("before-model")).append("]}],");
        hooks.append("\"BeforeTool\":[{\"matcher\":\"*\",\"hooks\":[").append(goHook("before-tool")).append("]}],");
        hooks.append("\"BeforeToolSelection\":[{\"hooks\":[").append(goHook("before-tool-selection")).append("]}],");
        hooks.append("\"Notification\":[{\"hooks\":[").append(goHook("notification")).append("]}],");
        hooks.append("\"PreCompress\":[{\"hooks\":[").append(goHook("pre-compress")).append("]}],");
        hooks.append("\"SessionEnd\":[{\"matcher\":\"exit\",\"hooks\":[").append(goHook("session-end"))
                .append("]},{\"matcher\":\"logout\",\"hooks\":[").append(goHook("session-end")).append("]}],");
        hooks.append("\"SessionStart\":[{\"hooks\":[").append(goHook("session-start")).append("]}]");
        return "{\n  \"model\": {\n    \"name\": \"gemini-2.5-pro\"\n  },\n  \"hooks\": {" + hooks
                + "},\n  \"hooksConfig\": {\n    \"enabled\": true\n  }\n}\n";
    }

    private static String goHook(String verb) {
        return "{\"name\":\"entire-" + verb + "\",\"type\":\"command\",\"command\":\"entire hooks gemini " + verb
                + "\"}";
    }

    private Path settings(String content) throws IOException {
        Path file = workTree.resolve(".gemini/settings.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }
}
