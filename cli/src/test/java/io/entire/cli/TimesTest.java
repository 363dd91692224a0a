package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.Environment;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimesTest {
    private static final Instant NOW = Instant.parse("2026-12-04T14:00:00Z");
    private static final Times NEW_YORK = new Times(ZoneId.of("America/New_York"), NOW);

    @Test
    void timesAreInTheZoneTzNames() {
        Times times = Times.of(Environment.of(Map.of("TZ", "America/New_York"), Path.of("/"), Path.of("/")));

        assertThat(times.zone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(times.minute(Optional.of(Instant.parse("2026-12-04T16:58:59Z")))).isEqualTo("2026-12-04 11:58");
        assertThat(NEW_YORK.full(Optional.of(Instant.parse("2026-12-04T11:58:00Z")))).isEqualTo(
                "2026-12-04 06:58 EST (2 hours ago)");
        assertThat(NEW_YORK.minute(Optional.empty())).isEqualTo("-");
    }

    @Test
    void aTzThatNamesNoKnownZoneFallsBackToTheSystemsAndALeadingColonIsAllowed() {
        assertThat(Times.of(Environment.of(Map.of("TZ", "Not/A_Zone"), Path.of("/"), Path.of("/"))).zone()
                .normalized()).isEqualTo(ZoneId.systemDefault().normalized());
        assertThat(Times.of(Environment.of(Map.of("TZ", ":Europe/Paris"), Path.of("/"), Path.of("/"))).zone())
                .isEqualTo(ZoneId.of("Europe/Paris"));
    }

    @Test
    void withoutTzTheZoneIsTheSystemsAsTheJdkFindsIt() {
        ZoneId zone = Times.of(Environment.of(Map.of(), Path.of("/"), Path.of("/"))).zone();

        // The time zone database's names for UTC read as UTC itself, which needs no database.
        assertThat(zone.normalized()).isEqualTo(ZoneId.systemDefault().normalized());
        assertThat(Times.of(Environment.of(Map.of("TZ", "Etc/UTC"), Path.of("/"), Path.of("/"))).zone())
                .isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void aZoneThatIsUtcAllYearReadsAsUtcAndOthersByTheirShortName() {
        Instant july = Instant.parse("2026-07-01T12:00:00Z");
        for (String utc : new String[] {"Etc/UTC", "UTC", "Z", "Etc/GMT"}) {
            assertThat(new Times(ZoneId.of(utc), NOW).full(Optional.of(july))).isEqualTo(
                    "2026-07-01 12:00 UTC (5 months ago)");
        }
        assertThat(new Times(ZoneId.of("Europe/Paris"), NOW).full(Optional.of(july))).isEqualTo(
                "2026-07-01 14:00 CEST (5 months ago)");
        assertThat(new Times(ZoneId.of("Europe/London"), NOW).full(Optional.of(NOW))).isEqualTo(
                "2026-12-04 14:00 GMT (just now)");
        assertThat(new Times(ZoneId.of("Asia/Kolkata"), NOW).full(Optional.of(NOW))).isEqualTo(
                "2026-12-04 19:30 IST (just now)");
    }

    @Test
    void agesReadAsWords() {
        assertThat(NEW_YORK.ago(NOW.minusSeconds(20))).isEqualTo("just now");
        assertThat(NEW_YORK.ago(NOW.plusSeconds(20))).isEqualTo("just now");
        assertThat(NEW_YORK.ago(NOW.minusSeconds(60))).isEqualTo("a minute ago");
        assertThat(NEW_YORK.ago(NOW.minusSeconds(3 * 60 + 5))).isEqualTo("3 minutes ago");
        assertThat(NEW_YORK.ago(NOW.minusSeconds(3600))).isEqualTo("an hour ago");
        assertThat(NEW_YORK.ago(NOW.minusSeconds(5 * 3600))).isEqualTo("5 hours ago");
        // At 09:00 in New York, 03:00 the day before is yesterday and 10:00 two days before is 2 days ago, though
        // both are under 48 hours ago.
        assertThat(NEW_YORK.ago(NOW.minusSeconds(30 * 3600))).isEqualTo("yesterday");
        assertThat(NEW_YORK.ago(NOW.minusSeconds(47 * 3600))).isEqualTo("2 days ago");
        assertThat(NEW_YORK.ago(NOW.minusSeconds(3 * 86400))).isEqualTo("3 days ago");
        assertThat(NEW_YORK.ago(NOW.minusSeconds(21 * 86400))).isEqualTo("3 weeks ago");
        assertThat(NEW_YORK.ago(NOW.minusSeconds(100 * 86400))).isEqualTo("3 months ago");
        assertThat(NEW_YORK.ago(NOW.minusSeconds(800 * 86400))).isEqualTo("2 years ago");
    }
}
