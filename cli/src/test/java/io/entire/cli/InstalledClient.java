package io.entire.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real agent client installed by {@code npm ci} in {@code cli/src/test/e2e} (versions pinned there): where its
 * binary is, and one run of it with nothing on stdin and only the environment it is given.
 */
final class InstalledClient {
    static final long TIMEOUT_SECONDS = 90;
    private static final Path BINARIES = Path.of("src", "test", "e2e", "node_modules", ".bin");

    private InstalledClient() {
    }

    /** What one run printed. */
    record Output(int exitCode, String out, String err) {
    }

    /**
     * The installed binary {@code name}; a test that needs it skips without it, except under CI, where a missing
     * binary means the set-up is broken and fails the test.
     */
    static Path binary(String name, String pinned) {
        Path binary = BINARIES.resolve(name).toAbsolutePath();
        if (!Files.isExecutable(binary)) {
            String missing = pinned + " is not installed at " + binary
                    + "; run `npm ci` in cli/src/test/e2e (.ci/run does)";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(missing);
            }
            Assumptions.abort(missing);
        }
        return binary;
    }

    /** The environment every client gets: the test's PATH, a UTF-8 locale and {@code home} as its home. */
    static Map<String, String> environment(Path home) {
        Map<String, String> environment = new HashMap<>();
        environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        environment.put("LANG", "C.UTF-8");
        environment.put("HOME", home.toString());
        return environment;
    }

    /** Runs {@code command} in {@code directory}; an {@link AssertionError} when it runs over the timeout. */
    static Output run(List<String> command, Path directory, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            Path out = Files.createTempFile("client-out", ".txt");
            Path err = Files.createTempFile("client-err", ".txt");
            try {
                builder.redirectOutput(out.toFile()).redirectError(err.toFile());
                Process process = builder.start();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new AssertionError(command + " did not finish in " + TIMEOUT_SECONDS + " s: "
                            + Files.readString(err));
                }
                return new Output(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while " + command.get(0) + " ran", e);
        }
    }
}
