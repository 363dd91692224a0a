package io.entire.cli;

import io.entire.core.Environment;
import java.util.Optional;

/**
 * Sends a command's long text output through the user's pager when stdout is a terminal someone reads
 * ({@code $PAGER}, else {@code less -FRX}); {@code --no-pager} and {@code PAGER=cat} keep it direct.
 */
interface Pager {
    String NO_PAGER_OPTION = "--no-pager";

    /** Never pages: output that is not a terminal's, and JSON. */
    Pager NONE = () -> {
    };

    /** The shell command long output goes through on a terminal: {@code $PAGER}, else {@code less -FRX}; none: cat. */
    static Optional<String> command(Environment environment) {
        String command = environment.variable("PAGER").orElse("less -FRX").strip();
        return command.isEmpty() || command.equals("cat") ? Optional.empty() : Optional.of(command);
    }

    /** From now on, what the command prints on stdout goes through the pager, if there is one to go through. */
    void start();
}
