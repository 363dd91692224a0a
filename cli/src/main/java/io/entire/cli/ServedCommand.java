package io.entire.cli;

import static java.util.Objects.requireNonNull;

import io.entire.core.Environment;
import io.entire.core.Log;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Runs a read-only command in the hook server for {@code bin/entire} (the native front), exactly as a JVM of its own
 * would run it in the client's process: its arguments, working directory and environment, colour and paging decided by
 * whether the client's stdin and stdout are a terminal. The pager runs in the client, on its terminal: when the command
 * starts it, the server names it in a frame of its own, and what follows on stdout goes through it.
 */
final class ServedCommand {
    /** The request's terminal flags: which of the client's standard streams are a terminal. */
    static final int STDIN_TERMINAL = 1;
    static final int STDOUT_TERMINAL = 2;
    private static final System.Logger LOG = Log.of(ServedCommand.class);

    private ServedCommand() {
    }

    /**
     * Whether the server runs this command: only those that never ask on the terminal nor change what the user has
     * (the client's {@code served_command} names the same). {@code checkpoint list --remote} is not one: a remote's
     * credential helper may ask.
     */
    static boolean served(List<String> args) {
        if (args.isEmpty()) {
            return false;
        }
        boolean served = switch (args.get(0)) {
            case "search", "blame", "explain" -> true;
            case "checkpoint" -> args.size() > 1 && args.get(1).equals("list");
            default -> false;
        };
        for (String arg : args.subList(1, args.size())) {
            if (arg.equals("--")) {
                break;
            }
            served = served && !arg.equals("--remote") && !arg.startsWith("--remote=");
        }
        return served;
    }

    /**
     * Runs {@code args} in {@code environment}; {@code stdout} is the client's standard output, which {@code out}
     * writes to, and {@code pagerFrame} takes the pager's command when the command starts one. Returns the exit code.
     */
    static int run(List<String> args, Environment environment, int terminals, OutputStream stdout, PrintWriter out,
            PrintWriter err, OutputStream pagerFrame) {
        if (!served(args)) {
            err.println("entire: the hook server runs hooks and read-only commands only, not: " + String.join(" ",
                    args));
            return ExitCode.USAGE;
        }
        Terminal terminal = Terminal.ofClient(environment.variables(), (terminals & STDIN_TERMINAL) != 0,
                (terminals & STDOUT_TERMINAL) != 0);
        return Main.command(args.toArray(String[]::new), stdout, out, err, environment, terminal,
                new ClientPager(environment, out, pagerFrame));
    }

    /** Starts the pager in the client: a JVM of its own would start it now, with the same command. */
    private static final class ClientPager implements Pager {
        private final Environment environment;
        private final PrintWriter out;
        private final OutputStream pagerFrame;
        private boolean started;

        ClientPager(Environment environment, PrintWriter out, OutputStream pagerFrame) {
            this.environment = requireNonNull(environment, "environment is null");
            this.out = requireNonNull(out, "out is null");
            this.pagerFrame = requireNonNull(pagerFrame, "pagerFrame is null");
        }

        @Override
        public void start() {
            Optional<String> command = Pager.command(environment);
            if (started || command.isEmpty()) {
                return;
            }
            started = true;
            out.flush();   // what came before goes to the terminal directly, as in a JVM of its own
            try {
                pagerFrame.write(command.get().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                LOG.log(Level.INFO, "the client left before its pager started: " + e);
            }
        }
    }
}
