package io.entire.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strategy_options.checkpoint_remote} in each of its forms, {@code redaction.allow} and
 * {@code redaction.patterns}, and the errors for the others.
 */
class RemoteAndRedactionSettingsTest {
    @TempDir
    Path workTree;

    @Test
    void aUrlAForgeRepositoryAndALocalOverride() throws IOException {
        write("settings.json", "{\"strategy_options\": {\"checkpoint_remote\": "
                + "{\"provider\": \"github\", \"repo\": \"acme-co/check.points_2\"}}}");
        assertThat(SettingsLoader.load(workTree).checkpointRemote())
                .contains(new CheckpointRemoteSetting(Optional.of("github"), "acme-co/check.points_2"));
        assertThat(SettingsLoader.load(workTree).unknownKeys()).isEmpty();

        write("settings.local.json", "{\"strategy_options\": {\"checkpoint_remote\": \"git@host:me/cp.git\"}}");

        assertThat(SettingsLoader.load(workTree).checkpointRemote())
                .contains(CheckpointRemoteSetting.of("git@host:me/cp.git"));
    }

    @Test
    void eachWrongShapeNamesTheFileAndTheKey() throws IOException {
        for (String value : new String[] {"5", "\"\"", "\"-upload-pack=x\"", "\"two words\"", "{\"repo\": \"a/b\"}",
                "{\"provider\": \"sourceforge\", \"repo\": \"a/b\"}", "{\"provider\": \"github\", \"repo\": \"a\"}",
                "{\"provider\": \"github\", \"repo\": \"a/b/c\"}", "{\"provider\": \"github\", \"repo\": \"/b\"}",
                "{\"provider\": \"github\", \"repo\": \"a/\"}", "{\"provider\": \"gitlab\", \"repo\": \"a b/c\"}"}) {
            write("settings.json", "{\"strategy_options\": {\"checkpoint_remote\": " + value + "}}");

            assertThatThrownBy(() -> SettingsLoader.load(workTree)).as(value).isInstanceOf(SettingsException.class)
                    .hasMessageContaining("settings.json").hasMessageContaining("checkpoint_remote");
        }
    }

    @Test
    void redactionAllowAndPatternsAreReadAndABadPatternNamesItsKey() throws IOException {
        write("settings.json", "{\"redaction\": {\"allow\": [\"x.y\", \"/ACME-[0-9]+/\"],"
                + " \"patterns\": [\"INT-[a-z]{8}\"]}}");

        Settings settings = SettingsLoader.load(workTree);

        assertThat(settings.redaction().allow().get(0).matcher("x.y").matches()).isTrue();
        assertThat(settings.redaction().allow().get(0).matcher("xzy").matches()).as("a literal is no pattern")
                .isFalse();
        assertThat(settings.redaction().allow().get(1).matcher("ACME-42").matches()).isTrue();
        assertThat(settings.redaction().patterns()).hasSize(1);
        for (String bad : new String[] {"{\"patterns\": [\"INT-[a-z\"]}", "{\"patterns\": \"INT\"}",
                "{\"allow\": [5]}", "{\"allow\": [\"/(/\"]}", "[]"}) {
            write("settings.local.json", "{\"redaction\": " + bad + "}");

            assertThatThrownBy(() -> SettingsLoader.load(workTree)).as(bad).isInstanceOf(SettingsException.class)
                    .hasMessageContaining("settings.local.json").hasMessageContaining("redaction");
        }
    }

    private void write(String file, String json) throws IOException {
        Files.createDirectories(workTree.resolve(".entire"));
        Files.writeString(workTree.resolve(".entire").resolve(file), json);
    }
}
