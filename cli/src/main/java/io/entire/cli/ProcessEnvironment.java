package io.entire.cli;

import io.entire.core.Environment;
import java.nio.file.Path;

/** The one place that reads this JVM's own environment: a process's {@code main} builds its {@link Environment}. */
final class ProcessEnvironment {
    private ProcessEnvironment() {
    }

    /** This process's variables, working directory and home, on the system clock and random source. */
    static Environment read() {
        return Environment.of(System.getenv(), Path.of("").toAbsolutePath(), Path.of(System.getProperty("user.home")));
    }
}
