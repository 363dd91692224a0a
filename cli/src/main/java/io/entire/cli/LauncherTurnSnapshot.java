package io.entire.cli;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * The work tree bin/entire stages for a prompt hook that runs in a JVM of its own, while that JVM starts: it copies
 * the repository's index into the sessions folder under a name of its own ({@value #VARIABLE} holds the path), runs
 * {@code git add --all} on the copy, and puts {@code snapshot-exit:<status>} and a newline on stdin before the
 * agent's payload. The hook would otherwise start that git itself, and since JDK 24 a JVM's first process start
 * searches the class path for logging back-ends: ~14 ms of CPU on the cores the hook's own work needs.
 */
final class LauncherTurnSnapshot {
    /** Set by the launcher to the index it stages the work tree into. */
    static final String VARIABLE = "ENTIRE_TURN_SNAPSHOT";
    private static final String PREFIX = "launcher-";
    private static final String SUFFIX = ".index";
    private static final byte[] STATUS = "snapshot-exit:".getBytes(US_ASCII);
    private static final byte[] SUCCESS = "snapshot-exit:0\n".getBytes(US_ASCII);

    /** What the launcher wrote on stdin: the agent's payload, and whether git staged the work tree. */
    record Input(byte[] payload, boolean staged) {
    }

    private LauncherTurnSnapshot() {
    }

    /** The index the launcher names, when it has the launcher's kind of name. */
    static Optional<Path> file(HookStreams streams) {
        Optional<String> value = streams.variable(VARIABLE);
        if (value.isEmpty() || value.get().isEmpty()) {
            return Optional.empty();
        }
        Path path = Path.of(value.get());
        String name = path.getFileName().toString();
        return path.isAbsolute() && name.startsWith(PREFIX) && name.endsWith(SUFFIX) ? Optional.of(path)
                : Optional.empty();
    }

    /** Splits the launcher's status line from the payload; input without one is all payload, and nothing staged. */
    static Input read(byte[] input) {
        if (!startsWith(input, STATUS)) {
            return new Input(input, false);
        }
        int end = 0;
        while (end < input.length && input[end] != '\n') {
            end++;
        }
        int payload = Math.min(end + 1, input.length);
        return new Input(Arrays.copyOfRange(input, payload, input.length),
                end < input.length && Arrays.equals(input, 0, payload, SUCCESS, 0, SUCCESS.length));
    }

    /** Removes the index unless the turn took it; what is left of it is of no use to anybody. */
    static void remove(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover index is only disk space; the hook's own work is done
        }
    }

    private static boolean startsWith(byte[] input, byte[] prefix) {
        return input.length >= prefix.length && Arrays.equals(input, 0, prefix.length, prefix, 0, prefix.length);
    }
}
