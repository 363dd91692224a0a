package io.entire.core.capture;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entire.core.testing.Release;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class LineHandoffTest {
    @Test
    void everyLineArrivesInOrderWithItsNumberAcrossBatchesAndOversizedLines() {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            sent.add(i % 1_000 == 7 ? "x".repeat(200_000) : "{\"line\":" + i + "}");   // some larger than a batch
        }
        List<String> received = new ArrayList<>();
        List<Long> numbers = new ArrayList<>();

        try (LineHandoff handoff = LineHandoff.start("test-parsing", (line, length, number) -> {
            received.add(new String(line, 0, length, UTF_8));
            numbers.add(number);
        })) {
            byte[] reused = new byte[300_000];
            for (int i = 0; i < sent.size(); i++) {
                byte[] line = sent.get(i).getBytes(UTF_8);
                Arrays.fill(reused, (byte) '#');   // the caller reuses its array: the handoff must have copied
                System.arraycopy(line, 0, reused, 0, line.length);
                handoff.accept(reused, line.length, i + 1L);
            }
            handoff.finish();
        }

        assertThat(received).isEqualTo(sent);
        assertThat(numbers).hasSize(sent.size()).startsWith(1L, 2L, 3L).endsWith((long) sent.size());
    }

    @Test
    void aFailingSinkStopsTheReaderWithItsOwnException() {
        AtomicInteger parsed = new AtomicInteger();
        LineHandoff handoff = LineHandoff.start("test-parsing", (line, length, number) -> {
            if (parsed.incrementAndGet() == 10) {
                throw new IOException("disk full while writing the compact transcript");
            }
        });
        byte[] line = "{\"type\":\"user\"}".getBytes(UTF_8);

        assertThatThrownBy(() -> {
            try (handoff) {
                for (long number = 1; number <= 10_000_000; number++) {   // far more than the reader would send
                    handoff.accept(line, line.length, number);
                }
                handoff.finish();
            }
        }).isInstanceOf(UncheckedIOException.class)
                .hasRootCauseMessage("disk full while writing the compact transcript");
        assertThat(parsed).hasValue(10);
    }

    @Test
    void closeAfterTheReaderFailedWaitsForTheParsingToEnd() throws InterruptedException {
        CountDownLatch parsing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger parsed = new AtomicInteger();
        LineHandoff handoff = LineHandoff.start("test-parsing", (line, length, number) -> {
            parsing.countDown();
            awaitUninterruptibly(release);
            parsed.incrementAndGet();
        });
        byte[] line = "x".repeat(40_000).getBytes(UTF_8);   // a batch each: three handed over, the fourth not yet

        assertThatThrownBy(() -> {
            try (handoff) {
                for (long number = 1; number <= 4; number++) {
                    handoff.accept(line, line.length, number);
                }
                assertThat(parsing.await(10, TimeUnit.SECONDS)).isTrue();
                Release.whenWaiting(Thread.currentThread(), release);   // parsing goes on once close waits for it
                throw new IllegalStateException("cannot read the transcript at line 5");
            }
        }).hasMessage("cannot read the transcript at line 5");
        assertThat(parsed).as("the lines handed over before the failure, parsed before close returned").hasValue(3);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
