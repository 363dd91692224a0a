package io.entire.cli;

import io.entire.core.Environment;
import java.util.List;
import picocli.CommandLine.Help.Ansi;

/**
 * Colour and emphasis for text output, on a terminal only: off when stdout is not one, when {@code NO_COLOR} is set
 * (no-color.org), when {@code TERM} is {@code dumb} and with {@code --no-color}. The escape codes are picocli's.
 */
record Style(boolean colour) {
    static final String NO_COLOR_OPTION = "--no-color";

    static Style detect(Terminal terminal, Environment environment, List<String> args) {
        boolean wanted = terminal.interactive() && environment.variable("NO_COLOR").filter(value -> !value.isEmpty())
                .isEmpty() && !environment.variable("TERM").orElse("").equals("dumb")
                && !Arguments.given(args, NO_COLOR_OPTION);
        return new Style(wanted);
    }

    /** picocli's own setting, for the help it prints. */
    Ansi ansi() {
        return colour ? Ansi.ON : Ansi.OFF;
    }

    String bold(String text) {
        return apply(Ansi.Style.bold, text);
    }

    String faint(String text) {
        return apply(Ansi.Style.faint, text);
    }

    String green(String text) {
        return apply(Ansi.Style.fg_green, text);
    }

    String yellow(String text) {
        return apply(Ansi.Style.fg_yellow, text);
    }

    String red(String text) {
        return apply(Ansi.Style.fg_red, text);
    }

    String cyan(String text) {
        return apply(Ansi.Style.fg_cyan, text);
    }

    private String apply(Ansi.Style style, String text) {
        // Reset rather than the style's own off code: picocli ends bold with SGR 21, a double underline to xterm.
        return colour && !text.isEmpty() ? style.on() + text + Ansi.Style.reset.on() : text;
    }
}
