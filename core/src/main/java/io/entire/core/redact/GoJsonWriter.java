package io.entire.core.redact;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Writes single-line JSON byte-compatible with Go's encoding/json: {@code < > &} and U+2028/U+2029 escaped, other
 * non-ASCII as raw UTF-8, lone surrogates as U+FFFD. Buffers internally; call {@link #flush()} at the end.
 */
final class GoJsonWriter {
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final byte[] buffer = new byte[16 * 1024];
    private int count;
    private boolean[] containerHasValues = new boolean[16];
    private int depth;
    private boolean afterName;

    GoJsonWriter(OutputStream out) {
        this.out = requireNonNull(out, "out is null");
    }

    void beginObject() throws IOException {
        open('{');
    }

    void endObject() throws IOException {
        close('}');
    }

    void beginArray() throws IOException {
        open('[');
    }

    void endArray() throws IOException {
        close(']');
    }

    void name(String name) throws IOException {
        separate();
        quoted(name);
        put(':');
        afterName = true;
    }

    void string(String value) throws IOException {
        separate();
        quoted(value);
    }

    /** A number exactly as it appeared in the source, so {@code 1.50} stays {@code 1.50}. */
    void rawNumber(String text) throws IOException {
        separate();
        ascii(text);
    }

    void number(long value) throws IOException {
        rawNumber(Long.toString(value));
    }

    void literal(String token) throws IOException {
        separate();
        ascii(token);
    }

    void newline() throws IOException {
        put('\n');
    }

    void flush() throws IOException {
        out.write(buffer, 0, count);
        count = 0;
        out.flush();
    }

    private void open(char bracket) throws IOException {
        separate();
        put(bracket);
        depth++;
        if (depth == containerHasValues.length) {
            containerHasValues = Arrays.copyOf(containerHasValues, depth * 2);
        }
        containerHasValues[depth] = false;
    }

    private void close(char bracket) throws IOException {
        depth--;
        put(bracket);
    }

    private void separate() throws IOException {
        if (afterName) {
            afterName = false;
            return;
        }
        if (depth > 0) {
            if (containerHasValues[depth]) {
                put(',');
            }
            containerHasValues[depth] = true;
        }
    }

    private void quoted(String value) throws IOException {
        put('"');
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                ascii(c);
            } else if (c < 0x800) {
                put(0xc0 | (c >> 6));
                put(0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, value.charAt(++i));
                put(0xf0 | (codePoint >> 18));
                put(0x80 | ((codePoint >> 12) & 0x3f));
                put(0x80 | ((codePoint >> 6) & 0x3f));
                put(0x80 | (codePoint & 0x3f));
            } else if (c == 0x2028 || c == 0x2029) {
                unicodeEscape(c);
            } else {
                // Go decodes a lone surrogate to U+FFFD, and a raw one would not be valid UTF-8.
                char printable = Character.isSurrogate(c) ? '\uFFFD' : c;
                put(0xe0 | (printable >> 12));
                put(0x80 | ((printable >> 6) & 0x3f));
                put(0x80 | (printable & 0x3f));
            }
        }
        put('"');
    }

    private void ascii(char c) throws IOException {
        switch (c) {
            case '"' -> escape('"');
            case '\\' -> escape('\\');
            case '\n' -> escape('n');
            case '\r' -> escape('r');
            case '\t' -> escape('t');
            case '\b' -> escape('b');
            case '\f' -> escape('f');
            case '<', '>', '&' -> unicodeEscape(c);
            default -> {
                if (c < 0x20) {
                    unicodeEscape(c);
                } else {
                    put(c);
                }
            }
        }
    }

    private void escape(char c) throws IOException {
        put('\\');
        put(c);
    }

    private void unicodeEscape(char c) throws IOException {
        put('\\');
        put('u');
        put(HEX[(c >> 12) & 0xf]);
        put(HEX[(c >> 8) & 0xf]);
        put(HEX[(c >> 4) & 0xf]);
        put(HEX[c & 0xf]);
    }

    private void ascii(String text) throws IOException {
        for (int i = 0; i < text.length(); i++) {
            put(text.charAt(i));
        }
    }

    private void put(int b) throws IOException {
        if (count == buffer.length) {
            out.write(buffer, 0, count);
            count = 0;
        }
        buffer[count++] = (byte) b;
    }
}
