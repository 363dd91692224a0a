package io.entire.core.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hook server probe against real UNIX sockets: served, left behind by a server that died, absent. */
class HookServerProbeTest {
    @TempDir
    Path temp;

    @Test
    void tellsAServedSocketFromAStaleOneAndFromNone() throws IOException {
        Path socket = temp.resolve("entire-test-17.sock");
        assertThat(HookServerProbe.at(socket).probe()).isEqualTo(HookServerProbe.State.NOT_RUNNING);

        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            assertThat(HookServerProbe.at(socket).probe()).isEqualTo(HookServerProbe.State.REACHABLE);
        }

        assertThat(Files.exists(socket)).as("a closed server leaves its socket file").isTrue();
        assertThat(HookServerProbe.at(socket).probe()).isEqualTo(HookServerProbe.State.UNREACHABLE);
        assertThat(HookServerProbe.off().probe()).isEqualTo(HookServerProbe.State.OFF);
    }
}
