package io.entire.cli;

import java.io.Console;
import java.util.Map;
import java.util.Optional;

/** Whether a person is at a terminal, and asking them a yes/no question there. Never asks when no one can answer. */
public final class Terminal {
    private final boolean interactive;
    private final Console console;

    private Terminal(boolean interactive, Console console) {
        this.interactive = interactive;
        this.console = console;
    }

    /** A terminal only when stdin and stdout are a TTY and not in CI or an agent's shell. */
    public static Terminal detect(Map<String, String> env) {
        Console console = automated(env) ? null : System.console();
        return new Terminal(console != null, console);
    }

    /**
     * The terminal of a command the hook server runs for its client, as {@link #detect} would find it in the
     * client's process (Java's console too needs stdin and stdout to be a TTY); it can show, never ask: the server
     * runs only commands that ask nothing.
     */
    static Terminal ofClient(Map<String, String> env, boolean stdinTerminal, boolean stdoutTerminal) {
        return new Terminal(!automated(env) && stdinTerminal && stdoutTerminal, null);
    }

    private static boolean automated(Map<String, String> env) {
        return env.containsKey("CI") || env.containsKey("CLAUDECODE") || env.containsKey("ENTIRE_NO_TTY");
    }

    public boolean interactive() {
        return interactive;
    }

    /** The answer to a yes/no question, empty when there is no one to ask. */
    public Optional<Boolean> confirm(String question, boolean defaultAnswer) {
        if (console == null) {
            return Optional.empty();
        }
        String answer = console.readLine("%s %s ", question, defaultAnswer ? "[Y/n]" : "[y/N]");
        if (answer == null || answer.isBlank()) {
            return Optional.of(defaultAnswer);
        }
        return Optional.of(answer.strip().toLowerCase(java.util.Locale.ROOT).startsWith("y"));
    }
}
