package io.entire.cli;

import static java.util.Objects.requireNonNull;

import io.entire.core.Environment;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Sends hooks to a hook server's socket as {@code bin/entire} (the native front) does ({@link HookServer}'s protocol),
 * for the server's own warm-up: each hook's request, environment and reply take the paths a client's take. Waits for
 * each hook to end, the work after its reply included, so that the warm-up's next step and its cleanup find it done.
 */
final class WarmUpClient implements CacheTraining.HookRunner {
    private final Path socket;

    WarmUpClient(Path socket) {
        this.socket = requireNonNull(socket, "socket is null");
    }

    @Override
    public int run(List<String> invocation, byte[] stdin, Environment environment) {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel)));
            // As the client sends it: the launcher's listing of the staged changes after the header, as blocks.
            boolean streamed = invocation.contains("prepare-commit-msg")
                    && LauncherStagedChanges.offered(environment.variable(LauncherStagedChanges.VARIABLE));
            out.writeInt(streamed ? HookServer.STREAMED_MAGIC : HookServer.MAGIC);
            out.writeInt(invocation.size());
            for (String argument : invocation) {
                writeBlock(out, argument);
            }
            writeBlock(out, environment.workingDirectory().toString());
            out.writeInt(environment.variables().size());
            for (Map.Entry<String, String> variable : environment.variables().entrySet()) {
                writeBlock(out, variable.getKey() + "=" + variable.getValue());
            }
            out.writeInt(stdin.length);
            out.write(stdin);
            if (streamed && stdin.length > 0) {
                out.writeInt(0);   // the empty block that ends it
            }
            out.flush();
            return exitCode(new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel))));
        } catch (IOException e) {
            throw new UncheckedIOException("entire " + String.join(" ", invocation) + " through " + socket, e);
        }
    }

    /** Skips the output frames to the exit code, then reads to the end: the server closes once the hook is done. */
    private static int exitCode(DataInputStream in) throws IOException {
        int kind;
        do {
            kind = in.readByte();
            int length = in.readInt();
            if (kind != 'x') {
                in.skipNBytes(length);
            }
        } while (kind != 'x');
        int exitCode = in.readInt();
        in.transferTo(OutputStream.nullOutputStream());
        return exitCode;
    }

    private static void writeBlock(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }
}
