package io.entire.cli;

import java.io.Console;
import java.util.Map;
import java.util.Optional;

/** Whether a person is at a terminal, and asking them a yes/no question there. Never asks when no one can answer. */
public final class Terminal {
    private final Console console;

    private Terminal(Console console) {
        this.console = console;
    }

    /** A terminal only when stdin and stdout are a TTY and not in CI or an agent's shell. */
    public static Terminal detect(Map<String, String> env) {
        boolean automated = env.containsKey("CI") || env.containsKey("CLAUDECODE") || env.containsKey("ENTIRE_NO_TTY");
        return new Terminal(automated ? null : System.console());
    }

    public boolean interactive() {
        return console != null;
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
