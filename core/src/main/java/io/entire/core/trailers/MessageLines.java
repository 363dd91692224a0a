package io.entire.core.trailers;

/**
 * Lines of a commit message as a regular expression in multi-line mode sees them, ended by {@code \n}, {@code \r\n},
 * {@code \r}, {@code U+0085}, {@code U+2028} or {@code U+2029}. The hooks a commit runs read messages by hand: on
 * JDK 17 compiling a regular expression costs a hook in a JVM of its own ~5 ms (docs/launcher.md).
 */
public final class MessageLines {
    private MessageLines() {
    }

    /** The end of the line that starts at {@code start}: where its terminator starts, or the text's end. */
    public static int end(String text, int start) {
        for (int at = start; at < text.length(); at++) {
            if (isTerminator(text.charAt(at))) {
                return at;
            }
        }
        return text.length();
    }

    /** Where the next line starts after a line that ends at {@code end} (before a terminator). */
    public static int next(String text, int end) {
        return text.startsWith("\r\n", end) ? end + 2 : end + 1;
    }

    /** Whether {@code c} ends a line; the only characters a regular expression's {@code .} does not match. */
    public static boolean isTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }
}
