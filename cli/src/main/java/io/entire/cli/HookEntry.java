package io.entire.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
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
        if (args.length >= 3 && args[1].equals("git") && args[2].equals("pre-push")) {
            return GitHooks.prePush(java.util.Arrays.copyOfRange(args, 3, args.length), in, err, workingDirectory,
                    BuildInfo.load().version());
        }
        String hook = args.length >= 3 ? args[1] + " " + args[2] : String.join(" ", args);
        // Live capture (issue "Live capture with Claude Code") is not built yet; stay harmless until it is.
        err.println("entire: hook '" + hook + "' is not handled by this version; nothing recorded");
        return ExitCode.OK;
    }
}
