package io.entire.cli;

import static io.entire.cli.TestFiles.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A settings file with a typo or broken JSON: named with the key or the place, and never made worse. */
class SettingsProblemsTest {
    private static final String CORRUPT = "{\"enabled\": true,\n \"strategy_options\": {\n";

    @TempDir
    Path temp;
    Sandbox workspace;
    Path settings;

    @BeforeEach
    void enabled() {
        workspace = new Sandbox(temp).commit("initial");
        assertThat(workspace.run("enable").exitCode()).isZero();
        settings = workspace.repo.resolve(".entire/settings.json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"enable", "disable", "disable --uninstall", "enable --local", "disable --project"})
    void aCorruptSettingsFileFailsWithItsPlaceAndNothingIsWritten(String line) throws IOException {
        Files.writeString(settings, CORRUPT);
        String before = snapshot();

        CliRun run = workspace.run(line.split(" "));

        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).as(run.err()).singleElement().asString()
                .contains(".entire/settings.json", "line 3, column 1");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void anUnknownKeyIsNamedOnceWithItsFile() throws IOException {
        Files.writeString(settings, "{\"enabeld\": false, \"strategy_options\": {\"push_sesions\": false}}");

        CliRun status = workspace.run("status");

        assertThat(status.exitCode()).isZero();
        assertThat(status.err().lines()).containsExactly(
                "entire: warning: settings.json: unknown key 'enabeld' is ignored",
                "entire: warning: settings.json: unknown key 'strategy_options.push_sesions' is ignored");
    }

    /** Every file Entire writes on enable or disable, with its content. */
    private String snapshot() throws IOException {
        try (Stream<Path> files = Stream.of(workspace.repo.resolve(".entire"), workspace.repo.resolve(".claude"),
                workspace.repo.resolve(".git/hooks")).flatMap(SettingsProblemsTest::walk)) {
            return files.filter(Files::isRegularFile).filter(file -> !file.toString().contains("/logs/"))
                    .map(file -> file + "=" + read(file)).sorted().collect(Collectors.joining("\n"));
        }
    }

    private static Stream<Path> walk(Path directory) {
        try {
            return Files.walk(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
