package io.entire.cli;

import io.entire.core.Diagnostics;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Arrays;

/**
 * {@code entire hooks <agent|git> <verb>}: the entry git and agents call. It loads no picocli, and it never fails
 * the user's git command or agent turn: whatever happens, it exits 0.
 */
final class HookEntry {
    private HookEntry() {
    }

    /**
     * Runs the hook {@code args} names with {@code streams}, for this process or for a hook server's client; what the
     * library notices on the way goes to the log of the work tree the hook runs in.
     */
    static int run(String[] args, InputStream in, HookStreams streams) {
        int exitCode = runUntilReply(args, in, streams);
        runAfterReply(streams);
        return exitCode;
    }

    /** As {@link #run}, but the hook's {@link AfterReply} work waits for {@link #runAfterReply}, after the reply. */
    static int runUntilReply(String[] args, InputStream in, HookStreams streams) {
        try (Diagnostics.Binding binding = Diagnostics.forRunIn(streams.workingDirectory(), streams.err()).bind()) {
            return dispatch(args, in, streams);
        }
    }

    /** The work the hook left for after its reply; what it notices goes to the same log as the hook's. */
    static void runAfterReply(HookStreams streams) {
        try (Diagnostics.Binding binding = Diagnostics.forRunIn(streams.workingDirectory(), streams.err()).bind()) {
            streams.afterReply().run();
        }
    }

    private static int dispatch(String[] args, InputStream in, HookStreams streams) {
        PrintWriter err = streams.err();
        if (args.length < 3) {
            err.println("entire: usage: entire hooks <git|agent> <hook> [args...]; nothing recorded");
            return ExitCode.OK;
        }
        String[] hookArgs = Arrays.copyOfRange(args, 3, args.length);
        return switch (args[1]) {
            case "git" -> GitHooks.run(args[2], hookArgs, in, streams);
            default -> AgentHooks.run(args[1], args[2], in, streams);
        };
    }
}
