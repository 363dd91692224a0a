package io.entire.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written timestamps against java.time, which they replaced on the hook path. */
class TimestampsTest {
    @Test
    void formatsAsGoWritesRfc3339Nano() {
        assertThat(Timestamps.format(Instant.parse("2026-02-06T05:12:45.809Z"))).isEqualTo("2026-02-06T05:12:45.809Z");
        assertThat(Timestamps.format(Instant.parse("2026-02-06T05:12:45Z"))).isEqualTo("2026-02-06T05:12:45Z");
        assertThat(Timestamps.format(Instant.parse("1970-01-01T00:00:00.000000001Z")))
                .isEqualTo("1970-01-01T00:00:00.000000001Z");
        assertThat(Timestamps.format(Instant.parse("2026-11-21T02:27:38.033405230Z")))
                .isEqualTo("2026-11-21T02:27:38.03340523Z");
    }

    @Test
    void formatAndParseAgreeWithJavaTimeOnRandomInstants() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62135596800L, 253402300799L),
                    random.nextBoolean() ? 0 : random.nextInt(1_000_000_000));
            String text = Timestamps.format(instant);
            // ISO_INSTANT writes the fraction in groups of three digits; Go trims every trailing zero.
            String iso = DateTimeFormatter.ISO_INSTANT.format(instant);
            assertThat(text).isEqualTo(iso.contains(".") ? iso.replaceAll("\\.?0*Z$", "Z") : iso);
            assertThat(Timestamps.parse(text)).contains(instant);
        }
    }

    @Test
    void parsesWhatIsoOffsetDateTimeParsesAndRefusesTheRest() {
        for (String text : List.of("2026-02-06T05:12:45.809Z", "2026-02-06t05:12:45z", "2026-02-06T05:12:45+02:00",
                "2026-02-06T05:12:45.123456789-07:30", "2026-02-06T05:12Z", "2026-02-06T05:12:45+01:00:30",
                "2024-02-29T00:00:00Z", "2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-02-06T05:12:60Z",
                "2026-02-06T05:12:45.Z", "2026-02-06T05:12:45.1234567890Z", "2026-02-06T05:12:45", "2026-02-06",
                "2026-02-06 05:12:45Z", "2026-2-06T05:12:45Z", "2026-02-06T05:12:45+1:00", "2026-02-06T05:12:45+19:00",
                "2026-02-06T05:12:45Zjunk", "", "not a time", "2026-02-06T05:12:45+18:00", "2026-02-06T05:12:45+18:30",
                "2026-02-06T05:12:45-00:30", "1900-02-29T00:00:00Z", "2000-02-29T00:00:00Z", "0001-01-01T00:00:00Z",
                "1969-12-31T23:59:59.999999999Z", "2026-04-31T00:00:00Z", "2026-02-06T24:00:00Z",
                "2026-02-06T05:60:00Z", "２０２６-02-06T05:12:45Z")) {
            assertThat(Timestamps.parse(text)).as(text).isEqualTo(javaTime(text));
        }
    }

    private static Optional<Instant> javaTime(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
