package io.entire.cli;

import io.entire.core.Diagnostics;
import io.entire.core.Environment;
import io.entire.core.git.Git;
import io.entire.core.git.PagerProgram;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Entry point. Hook invocations ({@code entire hooks ...}) are dispatched by hand so that the hook path never loads
 * picocli; everything else goes through the picocli command tree.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = runInProcess(args, System.in, System.out, System.err, ProcessEnvironment.read());
        // Not System.exit: since JDK 21 it asks System.Logger whether to log the exit, which starts the platform
        // logging, 5 ms of every hook. Nothing here registers shutdown hooks, and both streams are flushed.
        Runtime.getRuntime().halt(code);
    }

    /**
     * Runs one invocation as {@link #main} does, with the process's streams (a command may page its output); the
     * cache trainer runs commands through here so that their cache holds what {@code main} loads.
     */
    static int runInProcess(String[] args, InputStream in, OutputStream stdoutStream, OutputStream stderrStream,
            Environment environment) {
        SwitchableOutput stdout = new SwitchableOutput(stdoutStream);
        PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), false);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(stderrStream, StandardCharsets.UTF_8), true);
        int code;
        try (TerminalPager pager = new TerminalPager(stdout, out, environment)) {
            code = run(args, in, stdoutStream, out, err, environment, pager);
        }
        out.flush();
        err.flush();
        return code;
    }

    /**
     * Runs one invocation with the given streams and environment; returns the exit code.
     * {@code rawOut} receives bytes that must not pass through a writer (raw transcripts); {@code out} is flushed
     * before it is used.
     */
    public static int run(String[] args, InputStream in, OutputStream rawOut, PrintWriter out, PrintWriter err,
            Environment environment) {
        return run(args, in, rawOut, out, err, environment, Pager.NONE);
    }

    private static int run(String[] args, InputStream in, OutputStream rawOut, PrintWriter out, PrintWriter err,
            Environment environment, Pager pager) {
        if (args.length > 0 && args[0].equals("hooks")) {
            return HookEntry.run(args, in, new HookStreams(environment, out, err, AfterReply.ofOwnProcess()));
        }
        if (args.length > 0 && args[0].equals("hook-server")) {
            return HookServer.main(args, environment, err);   // started by the launcher, in the background
        }
        if (args.length == 1 && args[0].equals(BackgroundPacking.COMMAND)) {
            return BackgroundPacking.run(environment, err);   // started after a checkpoint, in the background
        }
        return command(args, rawOut, out, err, environment, Terminal.detect(environment.variables()), pager);
    }

    /**
     * Runs one command (not a hook) on {@code terminal}, the one its process has: this JVM's, or a served command's
     * client's. {@code pager} is used only when that terminal is interactive.
     */
    static int command(String[] args, OutputStream rawOut, PrintWriter out, PrintWriter err, Environment environment,
            Terminal terminal, Pager pager) {
        BuildInfo build = BuildInfo.load();
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("version"))) {
            out.println(build.describe());   // the launcher and scripts ask often; no need for picocli here
            return ExitCode.OK;
        }
        Git.prepareLaunches();   // nearly every command runs git: this overlaps picocli's set-up
        try (Diagnostics.Binding binding = Diagnostics.forRunIn(environment.workingDirectory(), err).bind()) {
            boolean paged = terminal.interactive() && !Arguments.given(List.of(args), Pager.NO_PAGER_OPTION);
            return Commands.execute(args, new CliContext(environment, out, err, build, terminal,
                    Style.detect(terminal, environment, List.of(args)), Times.of(environment),
                    paged ? pager : Pager.NONE), rawOut);
        }
    }

    /**
     * The user's pager, started when a command asks for it: what the command prints then goes to the pager, which
     * this waits for when the command is done.
     */
    private static final class TerminalPager implements Pager, AutoCloseable {
        private final SwitchableOutput stdout;
        private final PrintWriter out;
        private final Environment environment;
        private Optional<PagerProgram> program = Optional.empty();

        TerminalPager(SwitchableOutput stdout, PrintWriter out, Environment environment) {
            this.stdout = stdout;
            this.out = out;
            this.environment = environment;
        }

        @Override
        public void start() {
            Optional<String> command = Pager.command(environment);
            if (program.isPresent() || command.isEmpty()) {
                return;
            }
            out.flush();
            Map<String, String> variables = new HashMap<>(environment.variables());
            // As git does: a plain "less" from $PAGER also quits on one screen and keeps colours.
            variables.putIfAbsent("LESS", "FRX");
            variables.putIfAbsent("LV", "-c");
            program = PagerProgram.start(command.get(), environment.workingDirectory(), variables);
            program.ifPresent(started -> stdout.switchTo(started.input()));
        }

        @Override
        public void close() {
            out.flush();
            if (program.isPresent()) {
                program.get().close();
            }
        }
    }
}
