package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Compiles bin/entire's native front ({@code cli/src/main/c/entire.c}) with the system's C compiler, as install.sh
 * does: named {@code entire}, it is the front; named {@code entire-hook-client}, the bare client, which takes the
 * socket as its first argument.
 */
final class HookClientBuild {
    static final Path SOURCE = Path.of("").toAbsolutePath().resolve("src/main/c/entire.c");

    private HookClientBuild() {
    }

    /** Writes the program to {@code executable}; warnings fail the test. */
    static Path compile(Path executable) throws IOException, InterruptedException {
        Process cc = new ProcessBuilder("cc", "-O2", "-Wall", "-Wextra", "-Werror", "-o", executable.toString(),
                SOURCE.toString()).redirectErrorStream(true).start();
        String output = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cc.waitFor()).as("cc: %s", output).isZero();
        return executable;
    }
}
