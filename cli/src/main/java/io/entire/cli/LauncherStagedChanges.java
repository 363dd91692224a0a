package io.entire.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.entire.core.capture.CommitLinker;
import io.entire.core.capture.CommitSource;
import io.entire.core.git.Changes;
import io.entire.core.git.GitException;
import io.entire.core.git.PathChange;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The staged changes bin/entire has git compute for a prepare-commit-msg while its JVM starts, or while the native
 * front reaches the hook server (then a served hook's stdin): the output of {@code git} with
 * {@link Changes#STAGED_ARGUMENTS}, then {@code git-exit:<status>} and a newline. The JVM would otherwise start that
 * process itself once it runs, ~10 ms more of the hook on 2 cores.
 */
final class LauncherStagedChanges {
    /** Set to {@code stdin} by the launcher, or the native front, when it pipes the changes in. */
    static final String VARIABLE = "ENTIRE_STAGED_CHANGES";
    private static final String SUCCESS = "git-exit:0\n";

    private LauncherStagedChanges() {
    }

    /** Whether the launcher says this hook's stdin holds the staged changes. */
    static boolean offered(HookStreams streams) {
        return offered(streams.variable(VARIABLE));
    }

    /** Whether {@link #VARIABLE}'s value says so. */
    static boolean offered(Optional<String> value) {
        return value.isPresent() && value.get().equals("stdin");
    }

    /** The changes on {@code in}; when they are not there, {@code linker}'s, asked for only then. */
    static Supplier<List<PathChange>> readOr(InputStream in, CommitLinker linker, CommitSource source) {
        return new Supplier<>() {
            @Override
            public List<PathChange> get() {
                Optional<List<PathChange>> piped = read(in);
                return piped.isPresent() ? piped.get() : linker.stagedChanges(source).get();
            }
        };
    }

    /** The changes on {@code in}; empty when git failed, or the input is not what the launcher writes. */
    static Optional<List<PathChange>> read(InputStream in) {
        byte[] input;
        try {
            input = in.readAllBytes();
        } catch (IOException e) {
            return Optional.empty();
        }
        int records = input.length;   // every record ends with a NUL; the status comes after the last one
        while (records > 0 && input[records - 1] != 0) {
            records--;
        }
        if (!new String(input, records, input.length - records, UTF_8).equals(SUCCESS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Changes.parseRaw(Arrays.copyOf(input, records)));
        } catch (GitException e) {
            return Optional.empty();
        }
    }
}
