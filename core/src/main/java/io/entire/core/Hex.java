package io.entire.core;

/** Checks hexadecimal ids by hand rather than by regular expression: migrations check hundreds of thousands. */
public final class Hex {
    private Hex() {
    }

    /** True when the text has exactly {@code length} characters, each 0-9 or a-f. */
    public static boolean isLowerHex(String text, int length) {
        if (text.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }
}
