package io.entire.core.testing;

import io.entire.core.Environment;
import java.nio.file.Path;

/** The environment of the JVM running the tests, as a process's edge builds it. */
public final class TestEnvironment {
    private TestEnvironment() {
    }

    /** This JVM's variables, working directory and home, with the system clock and random source. */
    public static Environment ofThisJvm() {
        return Environment.of(System.getenv(), Path.of("").toAbsolutePath(), Path.of(System.getProperty("user.home")));
    }
}
