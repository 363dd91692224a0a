package io.entire.cli;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A hook server on a thread of the test's own JVM; its future completes with the server's exit code. */
final class HookServerThread {
    private HookServerThread() {
    }

    /** Starts the server and returns once it takes connections on {@code socket}. */
    static CompletableFuture<Integer> serve(Path socket, Duration idle, Duration requestDeadline, Path home)
            throws InterruptedException {
        return serve(socket, idle, requestDeadline, HookServer.STDIN_DEADLINE, home);
    }

    /** As above, with the time a streamed stdin may take after the acknowledgement. */
    static CompletableFuture<Integer> serve(Path socket, Duration idle, Duration requestDeadline,
            Duration stdinDeadline, Path home) throws InterruptedException {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(new HookServer(socket, idle, requestDeadline, stdinDeadline, home).serve());
            } catch (IOException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        }, "test-hook-server");
        thread.start();
        // The socket file appears at bind, an instant before the server listens: wait until a connection is taken.
        for (int i = 0; i < 500 && !result.isDone(); i++) {
            try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                return result;
            } catch (IOException notYet) {
                Thread.sleep(10);
            }
        }
        throw new AssertionError("the server did not listen on " + socket + ": " + result);
    }
}
