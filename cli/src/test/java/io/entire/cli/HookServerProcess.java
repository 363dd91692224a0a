package io.entire.cli;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A hook server in a JVM of its own, started from this test run's class path as the launcher starts one: it listens
 * on {@code socket}, finds git on a PATH with {@code bin} first (where a test puts a git that stops at a chosen call)
 * and writes its output to {@code log}. Closing it kills it.
 */
final class HookServerProcess implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(60);

    private final Process process;

    private HookServerProcess(Process process) {
        this.process = process;
    }

    /** Starts the server and returns once it takes connections. */
    static HookServerProcess start(Path socket, Path bin, Path log) throws IOException, InterruptedException {
        return start(socket, bin, log, List.of());
    }

    /** As {@link #start(Path, Path, Path)}, with {@code jvmOptions} given to the server's JVM. */
    static HookServerProcess start(Path socket, Path bin, Path log, List<String> jvmOptions)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "hook-server",
                socket.toString(), "60"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(log.toFile()).redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        HookServerProcess server = new HookServerProcess(builder.start());
        try {
            awaitListening(socket);
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    long pid() {
        return process.pid();
    }

    /** Kills the server and waits until it is gone. */
    void kill() {
        process.destroyForcibly();
        process.onExit().join();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    /** The socket file appears at bind, an instant before the server listens: waits until a connection is taken. */
    private static void awaitListening(Path socket) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START);
        while (true) {
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                channel.connect(UnixDomainSocketAddress.of(socket));
                return;
            } catch (IOException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw notYet;
                }
                Thread.sleep(20);   // nothing to wait on before the socket exists
            }
        }
    }
}
