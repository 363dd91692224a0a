package io.entire.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsLoaderTest {
    @TempDir
    Path repo;

    @Test
    void missingFilesMeanDefaults() {
        assertThat(SettingsLoader.load(repo)).isEqualTo(Settings.DEFAULTS);
    }

    @ParameterizedTest
    @CsvSource({"refs-v1-mirror,REFS_WITH_BRANCH_MIRROR", "refs-v1,REFS", "'',BRANCH"})
    void readsTheRolloutMode(String value, StoreMode mode) throws IOException {
        write("settings.json", "{\"strategy_options\": {\"checkpoint_store\": \"" + value + "\"}}");
        assertThat(SettingsLoader.load(repo).storeMode()).isEqualTo(mode);
    }

    @Test
    void localSettingsOverrideFieldByField() throws IOException {
        write("settings.json", "{\"enabled\": true, \"strategy_options\": {\"checkpoint_store\": \"refs-v1\","
                + " \"push_sessions\": true}}");
        write("settings.local.json", "{\"strategy_options\": {\"push_sessions\": false}}");
        Settings settings = SettingsLoader.load(repo);
        assertThat(settings.storeMode()).isEqualTo(StoreMode.REFS);
        assertThat(settings.pushSessions()).isFalse();
        assertThat(settings.enabled()).isTrue();
    }

    @Test
    void anUnknownModeNamesTheFileAndTheAllowedValues() throws IOException {
        write("settings.local.json", "{\"strategy_options\": {\"checkpoint_store\": \"refs-v2\"}}");
        assertThatThrownBy(() -> SettingsLoader.load(repo)).isInstanceOf(SettingsException.class)
                .hasMessageContaining("settings.local.json")
                .hasMessageContaining("checkpoint_store: unknown value 'refs-v2'")
                .hasMessageContaining("refs-v1-mirror, refs-v1");
    }

    @Test
    void aWrongTypeNamesTheFileAndTheKey() throws IOException {
        write("settings.json", "{\"strategy_options\": {\"push_sessions\": \"yes\"}}");
        assertThatThrownBy(() -> SettingsLoader.load(repo)).isInstanceOf(SettingsException.class)
                .hasMessageContaining("settings.json").hasMessageContaining("push_sessions must be true or false");
        write("settings.json", "{\"enabled\": 1}");
        assertThatThrownBy(() -> SettingsLoader.load(repo)).hasMessageContaining("enabled must be true or false");
        write("settings.json", "{\"strategy_options\": []}");
        assertThatThrownBy(() -> SettingsLoader.load(repo)).hasMessageContaining("strategy_options must be an object");
        write("settings.json", "{\"commit_linking\": 5}");
        assertThatThrownBy(() -> SettingsLoader.load(repo)).hasMessageContaining("commit_linking must be a string");
        write("settings.json", "{\"local_dev\": \"yes\"}");
        assertThatThrownBy(() -> SettingsLoader.load(repo)).hasMessageContaining("local_dev must be true or false");
        write("settings.json", "{\"agent\": {}}");
        assertThatThrownBy(() -> SettingsLoader.load(repo)).hasMessageContaining("agent must be a string");
        write("settings.json", "{\"commit_linking\": \"always\", \"local_dev\": false, \"agent\": \"claude-code\"}");
        assertThat(SettingsLoader.load(repo).unknownKeys()).isEmpty();
    }

    @Test
    void malformedJsonNamesTheFile() throws IOException {
        write("settings.json", "{\"enabled\": tru");
        assertThatThrownBy(() -> SettingsLoader.load(repo)).isInstanceOf(SettingsException.class)
                .hasMessageContaining("settings.json").hasMessageContaining("malformed JSON");
    }

    @Test
    void unknownKeysAreKeptTrackOf() throws IOException {
        write("settings.json", "{\"telemetry\": true, \"strategy_options\": {\"summarize\": {}}}");
        assertThat(SettingsLoader.load(repo).unknownKeys())
                .containsExactly("settings.json: telemetry", "settings.json: strategy_options.summarize");
    }

    private void write(String name, String content) throws IOException {
        Files.createDirectories(repo.resolve(".entire"));
        Files.writeString(repo.resolve(".entire").resolve(name), content);
    }
}
