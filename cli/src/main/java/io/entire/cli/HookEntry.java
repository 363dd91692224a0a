package io.entire.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * {@code entire hooks <agent|git> <verb>}: the entry git and agents call. It loads no picocli, and it never fails
 * the user's git command or agent turn: whatever happens, it exits 0.
 */
final class HookEntry {
    private HookEntry() {
    }

    static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err, Map<String, String> env,
            Path workingDirectory) {
        return run(args, in, new HookStreams(workingDirectory, env, out, err, false));
    }

    /** Runs the hook {@code args} names with {@code streams}; the hook server calls this for its clients. */
    static int run(String[] args, InputStream in, HookStreams streams) {
        PrintWriter err = streams.err();
        if (args.length < 3) {
            err.println("entire: usage: entire hooks <git|claude-code> <hook> [args...]; nothing recorded");
            return ExitCode.OK;
        }
        String[] hookArgs = Arrays.copyOfRange(args, 3, args.length);
        return switch (args[1]) {
            case "git" -> GitHooks.run(args[2], hookArgs, in, streams);
            default -> AgentHooks.run(args[1], args[2], in, streams);
        };
    }
}
