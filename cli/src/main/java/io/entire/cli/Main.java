package io.entire.cli;

import io.entire.core.Diagnostics;
import io.entire.core.Environment;
import io.entire.core.git.Git;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Entry point. Hook invocations ({@code entire hooks ...}) are dispatched by hand so that the hook path never loads
 * picocli; everything else goes through the picocli command tree.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(args, System.in, System.out, out, err, ProcessEnvironment.read());
        out.flush();
        err.flush();
        // Not System.exit: since JDK 21 it asks System.Logger whether to log the exit, which starts the platform
        // logging, 5 ms of every hook. Nothing here registers shutdown hooks, and both streams are flushed.
        Runtime.getRuntime().halt(code);
    }

    /**
     * Runs one invocation with the given streams and environment; returns the exit code.
     * {@code rawOut} receives bytes that must not pass through a writer (raw transcripts); {@code out} is flushed
     * before it is used.
     */
    public static int run(String[] args, InputStream in, OutputStream rawOut, PrintWriter out, PrintWriter err,
            Environment environment) {
        if (args.length > 0 && args[0].equals("hooks")) {
            return HookEntry.run(args, in, new HookStreams(environment, out, err));
        }
        if (args.length > 0 && args[0].equals("hook-server")) {
            return HookServer.main(args, environment, err);   // started by the launcher, in the background
        }
        BuildInfo build = BuildInfo.load();
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("version"))) {
            out.println(build.describe());   // the launcher and scripts ask often; no need for picocli here
            return ExitCode.OK;
        }
        Git.prepareLaunches();   // nearly every command runs git: this overlaps picocli's set-up
        try (Diagnostics.Binding binding = Diagnostics.forRunIn(environment.workingDirectory(), err).bind()) {
            return Commands.execute(args, new CliContext(environment, out, err, build,
                    Terminal.detect(environment.variables())), rawOut);
        }
    }
}
