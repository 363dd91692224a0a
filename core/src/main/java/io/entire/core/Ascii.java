package io.entire.core;

/** Character classes of ASCII text, for names checked by hand on the hooks' way (see docs/launcher.md). */
public final class Ascii {
    private Ascii() {
    }

    /** {@code [A-Za-z0-9]}. */
    public static boolean isLetterOrDigit(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }
}
