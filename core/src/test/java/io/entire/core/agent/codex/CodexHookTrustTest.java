package io.entire.core.agent.codex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entire.core.EntireException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CodexHookTrustTest {
    private static final Path HOOKS_JSON = Path.of("/home/dev/repo/.codex/hooks.json");
    private static final Path PROJECT = Path.of("/home/dev/repo");
    private static final String USERS = "model = \"o3\"  # mine\n\n[projects.\"/elsewhere\"]\ntrust_level = \"trusted\"\n";

    @TempDir
    Path codexHome;

    @Test
    void theHashIsTheOneCodexAcceptedWhenTheSessionWasRecorded() throws IOException {
        String recorded = Files.readString(Recording.DIRECTORY.resolve("recording-config.toml"));

        for (CodexHookEvent event : CodexHookEvent.values()) {
            String key = "[hooks.state.\"/tmp/cx/repo/.codex/hooks.json:" + event.trustLabel() + ":0:0\"]\n"
                    + "trusted_hash = \"" + CodexHookTrust.hash(event, "/tmp/cx/dump.sh " + event.settingsName(),
                            event.timeoutSeconds()) + "\"";
            assertThat(recorded).as(event.name()).contains(key);
        }
    }

    @Test
    void recordsEachEntryAndTheProjectKeepingTheRestAndSecondTimeChangesNothing() throws IOException {
        Files.writeString(codexHome.resolve("config.toml"), USERS);
        CodexHookTrust trust = new CodexHookTrust(codexHome);
        List<EntireHookEntry> entries = List.of(entry(CodexHookEvent.STOP, 1), entry(CodexHookEvent.SESSION_END, 0));

        CodexHookTrust.Outcome outcome = record(trust, entries);

        assertThat(outcome).isEqualTo(new CodexHookTrust.Outcome(2, CodexHookTrust.ProjectTrust.TRUSTED_NOW));
        assertThat(Files.readString(trust.config())).isEqualTo(USERS
                + "\n[hooks.state.\"/home/dev/repo/.codex/hooks.json:stop:1:0\"]\n"
                + "trusted_hash = \"" + CodexHookTrust.hash(CodexHookEvent.STOP, "entire hooks codex stop", 30) + "\"\n"
                + "\n[hooks.state.\"/home/dev/repo/.codex/hooks.json:session_end:0:0\"]\n"
                + "trusted_hash = \"" + CodexHookTrust.hash(CodexHookEvent.SESSION_END, "entire hooks codex session-end",
                        3) + "\"\n"
                + "\n[projects.\"/home/dev/repo\"]\ntrust_level = \"trusted\"\n");
        String written = Files.readString(trust.config());
        assertThat(record(trust, entries))
                .isEqualTo(new CodexHookTrust.Outcome(0, CodexHookTrust.ProjectTrust.TRUSTED));
        assertThat(Files.readString(trust.config())).isEqualTo(written);

        assertThat(trust.forget(HOOKS_JSON, entries)).isEqualTo(2);
        assertThat(Files.readString(trust.config())).isEqualTo(USERS + "\n[projects.\"/home/dev/repo\"]\n"
                + "trust_level = \"trusted\"\n");
    }

    @Test
    void aChangedHookGetsItsHashReplacedInPlace() throws IOException {
        Files.writeString(codexHome.resolve("config.toml"), "[hooks.state.\"/home/dev/repo/.codex/hooks.json:stop:0:0\"]\n"
                + "enabled = true\ntrusted_hash = \"sha256:old\"\n\n[projects.\"/home/dev/repo\"]\ntrust_level = \"trusted\"\n");
        CodexHookTrust trust = new CodexHookTrust(codexHome);

        assertThat(record(trust, List.of(entry(CodexHookEvent.STOP, 0))).hooksTrusted())
                .isEqualTo(1);

        assertThat(Files.readString(trust.config())).isEqualTo("[hooks.state.\"/home/dev/repo/.codex/hooks.json:stop:0:0\"]\n"
                + "enabled = true\ntrusted_hash = \"" + CodexHookTrust.hash(CodexHookEvent.STOP,
                        "entire hooks codex stop", 30) + "\"\n\n[projects.\"/home/dev/repo\"]\ntrust_level = \"trusted\"\n");
    }

    @Test
    void aProjectTheUserDistrustedStaysSo() throws IOException {
        Files.writeString(codexHome.resolve("config.toml"), "[projects.\"/home/dev/repo\"]\ntrust_level = \"untrusted\"\n");

        CodexHookTrust.Outcome outcome = record(new CodexHookTrust(codexHome),
                List.of(entry(CodexHookEvent.STOP, 0)));

        assertThat(outcome.projectTrust()).isEqualTo(CodexHookTrust.ProjectTrust.UNTRUSTED_BY_USER);
        assertThat(Files.readString(codexHome.resolve("config.toml"))).contains("trust_level = \"untrusted\"");
    }

    @Test
    void hooksKeptInlineAreNotEditedAndTheErrorSaysWhatToDo() throws IOException {
        String inline = "hooks = { state = { \"x:stop:0:0\" = { enabled = false } } }\n";
        Files.writeString(codexHome.resolve("config.toml"), inline);

        assertThatThrownBy(() -> record(new CodexHookTrust(codexHome),
                List.of(entry(CodexHookEvent.STOP, 0)))).isInstanceOf(EntireException.class).hasMessageContaining("/hooks");
        assertThat(Files.readString(codexHome.resolve("config.toml"))).isEqualTo(inline);
    }

    @Test
    void aConfigThatIsMissingIsCreated() throws IOException {
        CodexHookTrust trust = new CodexHookTrust(codexHome.resolve("fresh"));

        record(trust, List.of(entry(CodexHookEvent.STOP, 0)));

        assertThat(Files.readString(trust.config())).startsWith("[hooks.state.");
    }

    @Test
    void aConfigThatIsNotTomlIsRefusedNamingTheLineAndLeftAsItIs() throws IOException {
        String broken = "model = \"o3\"\nprojects = [\n";
        Files.writeString(codexHome.resolve("config.toml"), broken);
        CodexHookTrust trust = new CodexHookTrust(codexHome);

        assertThatThrownBy(() -> record(trust, List.of(entry(CodexHookEvent.STOP, 0))))
                .isInstanceOf(EntireException.class)
                .hasMessageStartingWith(trust.config() + " is not valid TOML (line 3: ");
        assertThatThrownBy(() -> trust.forget(HOOKS_JSON, List.of(entry(CodexHookEvent.STOP, 0))))
                .isInstanceOf(EntireException.class).hasMessageContaining("is not valid TOML");
        assertThat(Files.readString(trust.config())).isEqualTo(broken);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[projects.'/home/dev/repo']\ntrust_level = \"untrusted\"\n",
        "projects.\"/home/dev/repo\".trust_level = \"untrusted\"\n",
        "projects = { \"/home/dev/repo\" = { trust_level = \"untrusted\" } }\n",
        "[projects]\n\"/home/dev/repo\" = { trust_level = 'untrusted' }\n"})
    void theUsersDistrustIsReadInAnyFormTheHooksStillGetTrustedAndTheFileStaysValid(String users) throws IOException {
        Files.writeString(codexHome.resolve("config.toml"), users);
        CodexHookTrust trust = new CodexHookTrust(codexHome);

        CodexHookTrust.Outcome outcome = record(trust, List.of(entry(CodexHookEvent.STOP, 0)));

        assertThat(outcome).isEqualTo(new CodexHookTrust.Outcome(1, CodexHookTrust.ProjectTrust.UNTRUSTED_BY_USER));
        String written = Files.readString(trust.config());
        assertThat(written).startsWith(users);
        assertThat(CodexConfigToml.problem(written, Map.of(List.of("projects", "/home/dev/repo", "trust_level"),
                "untrusted"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[projects.'/home/dev/repo']\nmodel = \"o3\"\n",
        "projects = { \"/home/dev/repo\" = {} }\n", "[hooks]\nstate = \"on\"\n",
        "[hooks.state.'/home/dev/repo/.codex/hooks.json:stop:0:0']\nenabled = true\n"})
    void whatALineByLineEditCannotChangeIsRefusedWithNothingWritten(String users) throws IOException {
        Files.writeString(codexHome.resolve("config.toml"), users);
        CodexHookTrust trust = new CodexHookTrust(codexHome);

        assertThatThrownBy(() -> trust.plan(PROJECT, HOOKS_JSON, List.of(entry(CodexHookEvent.STOP, 0))))
                .isInstanceOf(EntireException.class).hasMessageContaining("does not edit").hasMessageContaining("/hooks");
        assertThat(Files.readString(trust.config())).isEqualTo(users);
    }

    private static CodexHookTrust.Outcome record(CodexHookTrust trust, List<EntireHookEntry> entries) {
        return trust.write(trust.plan(PROJECT, HOOKS_JSON, entries));
    }

    private static EntireHookEntry entry(CodexHookEvent event, int group) {
        return new EntireHookEntry(event, group, 0, "entire hooks codex " + event.verb(), event.timeoutSeconds());
    }
}
