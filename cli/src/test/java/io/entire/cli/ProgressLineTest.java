package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
    private static final Instant START = Instant.parse("2026-12-04T12:00:00Z");

    @Test
    void theLineSaysCountShareRateAndTimeLeft() {
        ProgressLine line = new ProgressLine(new PrintWriter(new StringWriter()), true, () -> START, "pushing");

        assertThat(line.text(0, 500, Duration.ZERO)).isEqualTo("pushing: 0/500 (0%)");
        assertThat(line.text(120, 500, Duration.ofSeconds(3))).isEqualTo(
                "pushing: 120/500 (24%), 40/s, about 10s left");
        assertThat(line.text(3, 400, Duration.ofSeconds(2))).isEqualTo(
                "pushing: 3/400 (0%), 1.5/s, about 4m 25s left");
        assertThat(line.text(500, 500, Duration.ofSeconds(10))).isEqualTo("pushing: 500/500 (100%), 50/s");
    }

    @Test
    void oneLineIsRedrawnInPlaceAndEndedOnce() {
        StringWriter shown = new StringWriter();
        Instant[] now = {START};
        InstantSource clock = () -> now[0];
        ProgressLine line = new ProgressLine(new PrintWriter(shown), true, clock, "migrating");

        line.update(0, 10);
        now[0] = START.plusMillis(10);
        line.update(1, 10);   // too soon after the last drawing: skipped
        now[0] = START.plusSeconds(2);
        line.update(4, 10);
        line.update(10, 10);  // the last one is always drawn
        line.finish();

        assertThat(shown.toString()).isEqualTo("\rmigrating: 0/10 (0%)\rmigrating: 4/10 (40%), 2.0/s, about 3s left"
                + "\rmigrating: 10/10 (100%), 5.0/s" + " ".repeat(13) + System.lineSeparator());
    }

    @Test
    void withoutATerminalNothingIsDrawn() {
        StringWriter shown = new StringWriter();
        ProgressLine line = new ProgressLine(new PrintWriter(shown), false, () -> START, "migrating");

        line.update(1, 2);
        line.update(2, 2);
        line.finish();

        assertThat(shown.toString()).isEmpty();
    }
}
