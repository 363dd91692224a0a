package io.entire.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogTest {
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            record.getSourceClassName();   // the source is inferred from the stack of the thread that logged
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger julLogger = Logger.getLogger(LogTest.class.getName());
    private java.util.logging.Level configuredLevel;

    @BeforeEach
    void listen() {
        configuredLevel = julLogger.getLevel();
        julLogger.setLevel(java.util.logging.Level.INFO);   // whatever the JVM's logging configuration says
        julLogger.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        julLogger.removeHandler(capture);
        julLogger.setLevel(configuredLevel);
    }

    @Test
    void recordsNameTheClassThatLoggedAsTheirSource() {
        System.Logger log = Log.of(LogTest.class);

        log.log(Level.WARNING, "disk full");
        log.log(Level.WARNING, "write failed", new IllegalStateException("no space"));

        assertThat(log.getName()).isEqualTo(LogTest.class.getName());
        assertThat(records).hasSize(2).allSatisfy(record -> {
            assertThat(record.getLoggerName()).isEqualTo(LogTest.class.getName());
            assertThat(record.getSourceClassName()).isEqualTo(LogTest.class.getName());
            assertThat(record.getSourceMethodName()).isEqualTo("recordsNameTheClassThatLoggedAsTheirSource");
        });
        assertThat(records.get(0).getMessage()).isEqualTo("disk full");
        assertThat(records.get(1).getThrown()).hasMessage("no space");
    }

    @Test
    void levelsBelowTheBackEndsAreNotLogged() {
        System.Logger log = Log.of(LogTest.class);

        log.log(Level.DEBUG, "detail");

        assertThat(log.isLoggable(Level.DEBUG)).isFalse();
        assertThat(log.isLoggable(Level.WARNING)).isTrue();
        assertThat(records).isEmpty();
    }
}
