package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pre-push time limit from {@code ENTIRE_PRE_PUSH_TIMEOUT}. */
class PrePushTimeTest {
    @Test
    void secondsWithFractions() {
        assertThat(GitHooks.pushTime("1")).isEqualTo(Duration.ofSeconds(1));
        assertThat(GitHooks.pushTime(" 0.25 ")).isEqualTo(Duration.ofMillis(250));
        assertThat(GitHooks.pushTime("120")).isEqualTo(Duration.ofMinutes(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "-3", "soon", "NaN", "Infinity", "1e300"})
    void anythingElseIsTheDefault(String value) {
        assertThat(GitHooks.pushTime(value)).isEqualTo(GitHooks.DEFAULT_PUSH_TIME);
    }

    @Test
    void unsetIsTheDefault() {
        assertThat(GitHooks.pushTime(null)).isEqualTo(Duration.ofSeconds(5));
    }
}
