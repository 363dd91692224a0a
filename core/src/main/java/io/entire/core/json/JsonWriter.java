package io.entire.core.json;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes {@link JsonValue} trees byte-for-byte as Go's {@code encoding/json} does (FORMATS.md 2.3): {@code ": "}
 * after keys, two-space indent, {@code []} and {@code {}} for empty containers, HTML characters and U+2028/9
 * escaped, and a trailing newline on indented documents.
 */
public final class JsonWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonWriter() {
    }

    /** Indented with two spaces, plus a trailing newline: the layout of every metadata file. */
    public static byte[] pretty(JsonValue value) {
        return prettyText(value).getBytes(StandardCharsets.UTF_8);
    }

    /** {@link #pretty} as text, for output that is written as characters anyway. */
    public static String prettyText(JsonValue value) {
        StringBuilder out = new StringBuilder(512);
        write(out, value, 0, true);
        out.append('\n');
        return out.toString();
    }

    /** One line without a trailing newline. */
    public static String compact(JsonValue value) {
        StringBuilder out = new StringBuilder(256);
        write(out, value, 0, false);
        return out.toString();
    }

    private static void write(StringBuilder out, JsonValue value, int depth, boolean indent) {
        if (value instanceof JsonObject object) {
            writeObject(out, object, depth, indent);
        } else if (value instanceof JsonArray array) {
            writeArray(out, array, depth, indent);
        } else if (value instanceof JsonString string) {
            quote(out, string.value());
        } else if (value instanceof JsonNumber number) {
            out.append(number.text());
        } else if (value instanceof JsonBoolean bool) {
            out.append(bool.value());
        } else {
            out.append("null");
        }
    }

    private static void writeObject(StringBuilder out, JsonObject object, int depth, boolean indent) {
        if (object.members().isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        Iterator<Map.Entry<String, JsonValue>> members = object.members().entrySet().iterator();
        while (members.hasNext()) {
            Map.Entry<String, JsonValue> member = members.next();
            newline(out, depth + 1, indent);
            quote(out, member.getKey());
            out.append(indent ? ": " : ":");
            write(out, member.getValue(), depth + 1, indent);
            if (members.hasNext()) {
                out.append(',');
            }
        }
        newline(out, depth, indent);
        out.append('}');
    }

    private static void writeArray(StringBuilder out, JsonArray array, int depth, boolean indent) {
        if (array.elements().isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        for (int i = 0; i < array.elements().size(); i++) {
            newline(out, depth + 1, indent);
            write(out, array.elements().get(i), depth + 1, indent);
            if (i + 1 < array.elements().size()) {
                out.append(',');
            }
        }
        newline(out, depth, indent);
        out.append(']');
    }

    private static void newline(StringBuilder out, int depth, boolean indent) {
        if (indent) {
            out.append('\n');
            for (int i = 0; i < depth; i++) {
                out.append("  ");
            }
        }
    }

    /** Appends a quoted string with Go's escaping rules. */
    public static void quote(StringBuilder out, String text) {
        int length = text.length();
        out.ensureCapacity(out.length() + length + 2);
        out.append('"');
        // Characters that need no escape are appended in runs: one bulk copy instead of one append per character
        // (a third of the time spent writing compact transcripts, measured).
        int unwritten = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (isPlain(c) || (Character.isSurrogate(c) && isPairedSurrogate(text, i))) {
                continue;
            }
            out.append(text, unwritten, i);
            unwritten = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (Character.isSurrogate(c)) {
                        // Go decodes an unpaired surrogate escape to U+FFFD and writes that character as it is.
                        out.append('\uFFFD');
                    } else {
                        unicodeEscape(out, c);   // other controls, '<', '>', '&', U+2028, U+2029
                    }
                }
            }
        }
        out.append(text, unwritten, length);
        out.append('"');
    }

    private static boolean isPlain(char c) {
        return c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' && c != '\u2028'
                && c != '\u2029' && !Character.isSurrogate(c);
    }

    private static boolean isPairedSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    private static void unicodeEscape(StringBuilder out, char c) {
        out.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
                .append(HEX[c & 0xf]);
    }
}
