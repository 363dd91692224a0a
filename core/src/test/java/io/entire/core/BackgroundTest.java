package io.entire.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entire.core.testing.Release;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BackgroundTest {
    @Test
    void joinGivesTheValueOrThrowsWhatTheWorkThrew() {
        assertThat(Background.start("value", () -> 42).join()).isEqualTo(42);
        assertThatThrownBy(() -> Background.start("failure", () -> {
            throw new IllegalStateException("no HEAD");
        }).join()).isInstanceOf(IllegalStateException.class).hasMessage("no HEAD");
    }

    @Test
    void awaitEndWaitsForWorkThatFailsAndThrowsNothing() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean ended = new AtomicBoolean();
        Background<Void> work = Background.start("slow failure", () -> {
            started.countDown();
            release.await();
            ended.set(true);
            throw new IllegalStateException("stores closed");
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        Release.whenWaiting(Thread.currentThread(), release);

        work.awaitEnd();

        assertThat(ended).isTrue();
    }
}
