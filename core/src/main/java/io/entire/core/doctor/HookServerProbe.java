package io.entire.core.doctor;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether the hook server of this build and JDK answers on its socket (docs/launcher.md). Connecting and closing
 * sends no request: the server drops the connection.
 */
public final class HookServerProbe {
    private final Optional<Path> socket;

    private HookServerProbe(Optional<Path> socket) {
        this.socket = socket;
    }

    /** Probes the server that serves this socket. */
    public static HookServerProbe at(Path socket) {
        return new HookServerProbe(Optional.of(requireNonNull(socket, "socket is null")));
    }

    /** {@code ENTIRE_HOOK_SERVER=off}: every hook runs in a JVM of its own, by choice. */
    public static HookServerProbe off() {
        return new HookServerProbe(Optional.empty());
    }

    /** What was found at the socket. */
    public enum State {
        /** Turned off: every hook runs in a JVM of its own. */
        OFF,
        /** Nobody serves it yet: the next hook runs in a JVM of its own and starts a server. */
        NOT_RUNNING,
        /** A server accepted the connection. */
        REACHABLE,
        /** A socket file is there, but nobody accepts on it. */
        UNREACHABLE
    }

    /** The socket probed; empty when the server is off. */
    public Optional<Path> socket() {
        return socket;
    }

    public State probe() {
        if (socket.isEmpty()) {
            return State.OFF;
        }
        if (!Files.exists(socket.get())) {
            return State.NOT_RUNNING;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket.get()));
            return State.REACHABLE;
        } catch (IOException e) {
            return State.UNREACHABLE;
        }
    }
}
