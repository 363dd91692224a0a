package io.entire.cli;

import io.entire.core.model.TokenUsage;

/**
 * Short human renderings shared by the commands' text output. Written by hand rather than with format strings and
 * regular expressions: {@code list} renders ten thousand lines, where those cost more than reading the checkpoints.
 */
final class Format {
    private Format() {
    }

    static String tokens(TokenUsage usage) {
        String own = usage.inputTokens() + " in, " + usage.outputTokens() + " out, " + usage.cacheReadTokens()
                + " cache read, " + usage.cacheCreationTokens() + " cache write, " + usage.apiCallCount()
                + " API calls";
        return usage.subagentTokens().map(subagents -> own + "; subagents: " + tokens(subagents)).orElse(own);
    }

    /** One line, whitespace runs folded to one space, at most {@code width} characters, ellipsis when cut. */
    static String oneLine(String text, int width) {
        // Most prompts and branches have nothing to fold where they are shown: they are cut, not rebuilt.
        if (nothingToFold(text, Math.min(text.length(), width + 2))) {
            return text.length() <= width ? text : text.substring(0, width - 1) + "…";
        }
        StringBuilder line = new StringBuilder(Math.min(text.length(), width + 1));
        boolean space = false;
        for (int i = 0; i < text.length() && line.length() <= width; i++) {
            char c = text.charAt(i);
            if (isWhitespace(c)) {
                space = line.length() > 0;
            } else {
                if (space) {
                    line.append(' ');
                    space = false;
                }
                line.append(c);
            }
        }
        return line.length() <= width ? line.toString() : line.substring(0, width - 1) + "…";
    }

    /** Whether the first {@code length} characters hold no whitespace but single spaces between other characters. */
    private static boolean nothingToFold(String text, int length) {
        for (int i = 0; i < length; i++) {
            if (isWhitespace(text.charAt(i)) && (text.charAt(i) != ' ' || i == 0 || i + 1 >= text.length()
                    || isWhitespace(text.charAt(i - 1)) || isWhitespace(text.charAt(i + 1)))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isWhitespace(char c) {
        return c <= ' ' ? Character.isWhitespace(c) : c >= 0x80 && Character.isWhitespace(c);
    }

    /** Appends the text, then spaces up to {@code width} characters (as {@code %-Ns}). */
    static StringBuilder padded(StringBuilder line, String text, int width) {
        line.append(text);
        for (int i = text.length(); i < width; i++) {
            line.append(' ');
        }
        return line;
    }

    /** Appends spaces, then the number, {@code width} characters in all at least (as {@code %Nd}). */
    static StringBuilder rightAligned(StringBuilder line, int number, int width) {
        String text = Integer.toString(number);
        for (int i = text.length(); i < width; i++) {
            line.append(' ');
        }
        return line.append(text);
    }
}
