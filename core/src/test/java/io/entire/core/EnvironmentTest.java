package io.entire.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The environment a run is given: home as Go reads it, values kept as given, secrets kept out of its text. */
class EnvironmentTest {
    private static final Path DIRECTORY = Path.of("/work/repo");
    private static final Path FALLBACK = Path.of("/home/fallback");

    @Test
    void homeIsTheHomeVariableOrTheFallbackWhenItIsUnsetOrBlank() {
        assertThat(Environment.of(Map.of("HOME", "/home/client"), DIRECTORY, FALLBACK).home())
                .isEqualTo(Path.of("/home/client"));
        assertThat(Environment.of(Map.of("HOME", " "), DIRECTORY, FALLBACK).home()).isEqualTo(FALLBACK);
        assertThat(Environment.of(Map.of(), DIRECTORY, FALLBACK).home()).isEqualTo(FALLBACK);
    }

    @Test
    void variablesAreCopiedAndChangedOnlyIntoANewEnvironment() {
        Map<String, String> variables = new HashMap<>(Map.of("A", "1"));
        Environment environment = Environment.of(variables, DIRECTORY, FALLBACK);
        variables.put("B", "2");

        assertThat(environment.variable("B")).isEmpty();
        assertThat(environment.withVariable("B", "2").variable("B")).contains("2");
        assertThat(environment.withoutVariable("A").variable("A")).isEmpty();
        assertThat(environment.variable("A")).contains("1");
        assertThat(environment.withWorkingDirectory(FALLBACK).workingDirectory()).isEqualTo(FALLBACK);
    }

    @Test
    void aRelativeWorkingDirectoryIsRefused() {
        assertThatThrownBy(() -> Environment.of(Map.of(), Path.of("repo"), FALLBACK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repo");
    }

    @Test
    void itsTextNamesNoValue() {
        assertThat(Environment.of(Map.of("GITHUB_TOKEN", "ghp_secret"), DIRECTORY, FALLBACK).toString())
                .doesNotContain("ghp_secret").doesNotContain("GITHUB_TOKEN");
    }
}
