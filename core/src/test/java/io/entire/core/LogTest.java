package io.entire.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library's loggers write into the diagnostics sink of the run, also from the threads the run starts. */
class LogTest {
    @TempDir
    Path temp;

    @Test
    void eventsGoToTheSinkBoundToTheThreadNamingTheClassThatLogged() throws IOException {
        System.Logger log = Log.of(LogTest.class);
        StringWriter err = new StringWriter();

        try (Diagnostics.Binding binding = Diagnostics.inWorkTree(temp, new PrintWriter(err)).bind()) {
            log.log(Level.WARNING, "disk full");
            log.log(Level.WARNING, "write failed", new IllegalStateException("no space"));
            log.log(Level.DEBUG, "detail");
        }

        assertThat(log.getName()).isEqualTo(LogTest.class.getName());
        assertThat(events()).hasSize(2).allSatisfy(event -> {
            assertThat(event.findString("component")).contains("LogTest");
            assertThat(event.findString("level")).contains("warning");
        });
        assertThat(events().get(0).findString("message")).contains("disk full");
        assertThat(events().get(1).findString("message").orElseThrow()).contains("write failed", "no space");
        assertThat(err.toString()).isEmpty();
        assertThat(log.isLoggable(Level.DEBUG)).isFalse();
        assertThat(log.isLoggable(Level.WARNING)).isTrue();
    }

    @Test
    void threadsStartedByTheRunWriteIntoItsSinkAndClosingTheBindingPutsBackThePreviousOne() throws Exception {
        System.Logger log = Log.of(LogTest.class);
        StringWriter outer = new StringWriter();
        AtomicReference<Throwable> failure = new AtomicReference<>();

        Diagnostics inner = Diagnostics.inWorkTree(temp, new PrintWriter(new StringWriter()));
        try (Diagnostics.Binding first = Diagnostics.onStderr(new PrintWriter(outer)).bind()) {
            try (Diagnostics.Binding second = inner.bind()) {
                Thread worker = new Thread(() -> log.log(Level.WARNING, "from a worker"));
                worker.setUncaughtExceptionHandler((thread, e) -> failure.set(e));
                worker.start();
                worker.join();
            }
            log.log(Level.WARNING, "after the inner run");
        }

        assertThat(failure.get()).isNull();
        assertThat(events()).singleElement().satisfies(event ->
                assertThat(event.findString("message")).contains("from a worker"));
        assertThat(outer.toString().lines()).singleElement().asString().startsWith("entire: ")
                .contains("LogTest: warning: after the inner run");
    }

    private List<JsonObject> events() throws IOException {
        List<JsonObject> events = new ArrayList<>();
        for (String line : Files.readAllLines(temp.resolve(".entire/logs/entire.log"), StandardCharsets.UTF_8)) {
            events.add(new JsonReader().parseObject(line.getBytes(StandardCharsets.UTF_8)));
        }
        return events;
    }
}
