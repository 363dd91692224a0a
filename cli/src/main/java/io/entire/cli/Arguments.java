package io.entire.cli;

import java.util.List;

/** Looks at the command line before picocli parses it, for the options that decide how output is shown. */
final class Arguments {
    private Arguments() {
    }

    /** Whether {@code option} is among the arguments before a {@code --} that ends the options. */
    static boolean given(List<String> args, String option) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return false;
            }
            if (arg.equals(option)) {
                return true;
            }
        }
        return false;
    }
}
