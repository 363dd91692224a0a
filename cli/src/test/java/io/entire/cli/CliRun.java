package io.entire.cli;

import io.entire.core.Environment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** One in-process run of the CLI with captured output, as a test sees it. */
record CliRun(int exitCode, String out, String err) {
    static CliRun run(Path directory, Map<String, String> env, String... args) {
        return run(directory, env, new byte[0], args);
    }

    /** A run with {@code stdin} as its standard input, the way git and agents feed hooks. */
    static CliRun run(Path directory, Map<String, String> env, byte[] stdin, String... args) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
        // A process started from this JVM's environment with the test's variables added.
        Map<String, String> variables = new HashMap<>(System.getenv());
        variables.putAll(env);
        Environment environment = Environment.of(variables, directory, Path.of(System.getProperty("user.home")));
        int code = Main.run(args, new ByteArrayInputStream(stdin), stdout, out, err, environment);
        out.flush();
        err.flush();
        return new CliRun(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    }

    /** Starts {@code builder}'s process, feeds it {@code stdin}, and waits for its exit with both outputs read. */
    static CliRun ofProcess(ProcessBuilder builder, byte[] stdin) {
        try {
            Process process = builder.start();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            try (var in = process.getOutputStream()) {
                in.write(stdin);
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            return new CliRun(exit, out, new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
