package io.entire.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SinceTest {
    private static final Instant NOW = Instant.parse("2026-02-15T12:00:00Z");

    @ParameterizedTest
    @CsvSource({
            "2026-02-06, 2026-02-06T00:00:00Z",
            "2026-02-06T05:12:00Z, 2026-02-06T05:12:00Z",
            "2026-02-06T07:12:00+02:00, 2026-02-06T05:12:00Z",
            "12h, 2026-02-15T00:00:00Z",
            "7d, 2026-02-08T12:00:00Z",
            "2w, 2026-02-01T12:00:00Z"})
    void readsDatesTimesAndAges(String text, String expected) {
        assertThat(Since.parse(text, NOW)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "", "7", "d", "7y", "2026-13-01", "2026-02-06T25:00:00Z", "99999999d"})
    void anythingElseIsAUsageErrorNamingTheValue(String text) {
        assertThatThrownBy(() -> Since.parse(text, NOW)).isInstanceOf(InvalidDateException.class)
                .hasMessageContaining("--since '" + text + "' is not a date");
    }
}
