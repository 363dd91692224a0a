package io.entire.core.json;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A strict RFC 8259 parser from UTF-8 bytes to a {@link JsonValue} tree: no comments, trailing commas, leading zeros,
 * bare control characters or malformed UTF-8. One instance parses one value; {@link JsonReader} is the public face.
 *
 * <p>It replaced jackson-core because of start-up, not speed: any jackson parser initializes {@code BigDecimal},
 * whose class initializer on JDK 25 computes 5^65536 and costs every hook 10-17 ms before the first token.
 */
final class JsonTextParser {
    /** Deeper nesting is refused rather than risking the stack; real documents stay far below it. */
    static final int MAX_DEPTH = 1000;

    private final byte[] bytes;
    private final int start;
    private final int end;
    private final JsonReader.DuplicateKeys duplicateKeys;
    private int position;
    private int depth;
    private char[] text = new char[0];
    private int textLength;

    private JsonTextParser(byte[] bytes, int offset, int length, JsonReader.DuplicateKeys duplicateKeys) {
        this.bytes = bytes;
        this.start = offset;
        this.end = offset + length;
        this.duplicateKeys = duplicateKeys;
        this.position = offset;
    }

    /**
     * The one value in {@code length} bytes from {@code offset} (a UTF-8 byte order mark is skipped), with the members
     * {@code selection} names built.
     */
    static JsonValue parse(byte[] bytes, int offset, int length, JsonReader.DuplicateKeys duplicateKeys,
            JsonSelection selection) {
        if (offset < 0 || length < 0 || offset > bytes.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + " of " + bytes.length);
        }
        JsonTextParser parser = new JsonTextParser(bytes, offset, length, duplicateKeys);
        parser.skipByteOrderMark();
        parser.skipWhitespace();
        if (parser.position == parser.end) {
            throw new JsonFormatException("empty document");
        }
        JsonValue value = parser.value(selection);
        parser.skipWhitespace();
        if (parser.position != parser.end) {
            throw parser.error("unexpected content after the value");
        }
        return value;
    }

    /** A value whose objects keep the members {@code selection} names (all of them when it is whole). */
    private JsonValue value(JsonSelection selection) {
        if (selection.isWhole() || position == end) {
            return value();
        }
        return switch (bytes[position]) {
            case '{' -> selectedObject(selection);
            case '[' -> selectedArray(selection);
            default -> value();
        };
    }

    private JsonObject selectedObject(JsonSelection selection) {
        JsonObject.Members members = new JsonObject.Members();
        if (opens('}')) {
            return new JsonObject(members);
        }
        do {
            String name = memberName();
            Optional<JsonSelection> member = selection.member(name);
            if (member.isPresent()) {
                members.put(name, value(member.get()));
            } else {
                skipValue();
            }
        } while (!closes('}'));
        return new JsonObject(members);
    }

    private JsonArray selectedArray(JsonSelection selection) {
        List<JsonValue> elements = new ArrayList<>();
        if (opens(']')) {
            return new JsonArray(elements);
        }
        do {
            elements.add(value(selection));
        } while (!closes(']'));
        return new JsonArray(elements);
    }

    /** Checks a value as {@link #value()} reads it, building nothing. */
    private void skipValue() {
        if (position == end) {
            throw error("unexpected end of input");
        }
        switch (bytes[position]) {
            case '{' -> skipObject();
            case '[' -> skipArray();
            case '"' -> skipString();
            case 't' -> word("true");
            case 'f' -> word("false");
            case 'n' -> word("null");
            case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> numberEnd();
            default -> throw error("unexpected character " + describe(bytes[position]));
        }
    }

    private void skipObject() {
        if (opens('}')) {
            return;
        }
        do {
            if (peek() != '"') {
                throw error("expected a quoted member name");
            }
            skipString();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            skipValue();
        } while (!closes('}'));
    }

    private void skipArray() {
        if (opens(']')) {
            return;
        }
        do {
            skipValue();
        } while (!closes(']'));
    }

    /** A string from its opening quote, checked as {@link #string()} decodes it: escapes, controls, UTF-8. */
    private void skipString() {
        position++;
        while (true) {
            if (position == end) {
                throw error("unterminated string");
            }
            int b = bytes[position] & 0xff;
            if (b == '"') {
                position++;
                return;
            }
            if (b == '\\') {
                position++;
                escape();
            } else if (b < 0x20) {
                throw error("control character " + describe((byte) b) + " in a string");
            } else if (b < 0x80) {
                position++;
            } else {
                position = utf8SequenceEnd(position);
            }
        }
    }

    /**
     * Where the well-formed UTF-8 sequence at {@code at} ends: what Java's decoder takes without a replacement (no
     * overlong forms, no surrogates, nothing beyond U+10FFFF).
     */
    private int utf8SequenceEnd(int at) {
        int lead = bytes[at] & 0xff;
        int continuations;
        int secondMin = 0x80;
        int secondMax = 0xbf;
        if (lead >= 0xc2 && lead <= 0xdf) {
            continuations = 1;
        } else if (lead >= 0xe0 && lead <= 0xef) {
            continuations = 2;
            secondMin = lead == 0xe0 ? 0xa0 : 0x80;
            secondMax = lead == 0xed ? 0x9f : 0xbf;
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            continuations = 3;
            secondMin = lead == 0xf0 ? 0x90 : 0x80;
            secondMax = lead == 0xf4 ? 0x8f : 0xbf;
        } else {
            throw error("malformed UTF-8 in a string");
        }
        if (end - at <= continuations) {
            throw error("malformed UTF-8 in a string");
        }
        for (int i = 1; i <= continuations; i++) {
            int next = bytes[at + i] & 0xff;
            if (next < (i == 1 ? secondMin : 0x80) || next > (i == 1 ? secondMax : 0xbf)) {
                throw error("malformed UTF-8 in a string");
            }
        }
        return at + continuations + 1;
    }

    private JsonValue value() {
        if (position == end) {
            throw error("unexpected end of input");
        }
        return switch (bytes[position]) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> new JsonString(string());
            case 't' -> literal("true", new JsonBoolean(true));
            case 'f' -> literal("false", new JsonBoolean(false));
            case 'n' -> literal("null", JsonNull.INSTANCE);
            case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> number();
            default -> throw error("unexpected character " + describe(bytes[position]));
        };
    }

    private JsonObject object() {
        JsonObject.Members members = new JsonObject.Members();
        if (opens('}')) {
            return new JsonObject(members);
        }
        do {
            String name = memberName();
            JsonValue previous = members.put(name, value());
            if (previous != null && duplicateKeys == JsonReader.DuplicateKeys.REJECT) {
                throw error("duplicate key \"" + name + "\"");
            }
        } while (!closes('}'));
        return new JsonObject(members);
    }

    /** A member's quoted name and the colon after it, positioned at its value. */
    private String memberName() {
        if (peek() != '"') {
            throw error("expected a quoted member name");
        }
        String name = string();
        skipWhitespace();
        expect(':');
        skipWhitespace();
        return name;
    }

    private JsonArray array() {
        List<JsonValue> elements = new ArrayList<>();
        if (opens(']')) {
            return new JsonArray(elements);
        }
        do {
            elements.add(value());
        } while (!closes(']'));
        return new JsonArray(elements);
    }

    /** Steps into an object or array; true when it is empty (its closing bracket consumed too). */
    private boolean opens(char close) {
        if (++depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels");
        }
        position++;
        skipWhitespace();
        if (peek() == close) {
            position++;
            depth--;
            return true;
        }
        return false;
    }

    /** After a member or element: true at the closing bracket, false after a comma (both consumed). */
    private boolean closes(char close) {
        skipWhitespace();
        int next = peek();
        if (next == close) {
            position++;
            depth--;
            return true;
        }
        if (next != ',') {
            throw error(next >= 0 ? "expected ',' or '" + close + "'"
                    : close == '}' ? "unterminated object" : "unterminated array");
        }
        position++;
        skipWhitespace();
        return false;
    }

    /**
     * A string from its opening quote, scanned once: a string without escapes is decoded straight from its bytes, one
     * with escapes is unescaped into the parser's buffer, which makes one string at its end. Transcripts are mostly
     * long escaped strings (file contents, tool output), whose runs between escapes are short.
     */
    private String string() {
        int runStart = ++position;
        int nonAscii = scanRun();
        if (bytes[position] == '"') {
            String value = decode(runStart, position, nonAscii);
            position++;
            return value;
        }
        textLength = 0;
        while (true) {
            appendRun(runStart, position, nonAscii);
            if (bytes[position] == '"') {
                position++;
                return new String(text, 0, textLength);
            }
            position++;   // the backslash
            appendChar(escape());
            runStart = position;
            nonAscii = scanRun();
        }
    }

    /**
     * Steps over the bytes that stand for themselves, up to the next quote or backslash; negative when one of them is
     * not ASCII.
     */
    private int scanRun() {
        int nonAscii = 0;
        while (position < end) {
            byte b = bytes[position];
            if (b == '"' || b == '\\') {
                return nonAscii;
            }
            if (b >= 0 && b < 0x20) {
                throw error("control character " + describe(b) + " in a string");
            }
            nonAscii |= b;
            position++;
        }
        throw error("unterminated string");
    }

    private void appendRun(int from, int to, int nonAscii) {
        if (nonAscii >= 0) {
            reserve(to - from);
            for (int i = from; i < to; i++) {
                text[textLength++] = (char) bytes[i];
            }
        } else {
            String run = decodeUtf8(from, to);
            reserve(run.length());
            run.getChars(0, run.length(), text, textLength);
            textLength += run.length();
        }
    }

    private void appendChar(char c) {
        reserve(1);
        text[textLength++] = c;
    }

    private void reserve(int more) {
        if (textLength + more > text.length) {
            text = Arrays.copyOf(text, Math.max(Math.max(256, text.length * 2), textLength + more));
        }
    }

    private char escape() {
        if (position == end) {
            throw error("unterminated string");
        }
        byte b = bytes[position++];
        return switch (b) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> unicodeEscape();
            default -> {
                position--;
                throw error("invalid escape \\" + describe(b));
            }
        };
    }

    private char unicodeEscape() {
        if (end - position < 4) {
            throw error("incomplete \\u escape");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(bytes[position], 16);
            if (digit < 0) {
                throw error("invalid hex digit in a \\u escape");
            }
            value = value * 16 + digit;
            position++;
        }
        return (char) value;   // lone surrogates are kept as they are, as jackson and Java strings do
    }

    /**
     * Bytes {@code [from, to)} of a string as text ({@code nonAscii} negative when one is not ASCII); ASCII is copied,
     * anything else must be well-formed UTF-8.
     */
    private String decode(int from, int to, int nonAscii) {
        return nonAscii >= 0 ? new String(bytes, from, to - from, StandardCharsets.ISO_8859_1) : decodeUtf8(from, to);
    }

    private String decodeUtf8(int from, int to) {
        String text = new String(bytes, from, to - from, StandardCharsets.UTF_8);
        if (text.indexOf('\ufffd') < 0) {
            return text;   // nothing was replaced, so the bytes were well-formed
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            throw error("malformed UTF-8 in a string");
        }
    }

    /** {@code -? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?}, kept as written. */
    private JsonNumber number() {
        int numberStart = position;
        numberEnd();
        return new JsonNumber(new String(bytes, numberStart, position - numberStart, StandardCharsets.ISO_8859_1));
    }

    /** Steps over a number, checked as {@link #number()} reads it. */
    private void numberEnd() {
        if (peek() == '-') {
            position++;
        }
        if (peek() == '0') {
            position++;
        } else if (!digits()) {
            throw error("invalid number");
        }
        if (peek() == '.') {
            position++;
            if (!digits()) {
                throw error("invalid number: no digits after the decimal point");
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            position++;
            if (peek() == '+' || peek() == '-') {
                position++;
            }
            if (!digits()) {
                throw error("invalid number: no digits in the exponent");
            }
        }
    }

    private boolean digits() {
        int first = position;
        while (position < end && bytes[position] >= '0' && bytes[position] <= '9') {
            position++;
        }
        return position > first;
    }

    private JsonValue literal(String word, JsonValue value) {
        word(word);
        return value;
    }

    private void word(String word) {
        if (end - position < word.length()) {
            throw error("unexpected end of input");
        }
        for (int i = 0; i < word.length(); i++) {
            if (bytes[position + i] != word.charAt(i)) {
                throw error("unexpected token");
            }
        }
        position += word.length();
    }

    private void expect(char expected) {
        if (peek() != expected) {
            throw error("expected '" + expected + "'");
        }
        position++;
    }

    /** The byte at the position, or -1 at the end. */
    private int peek() {
        return position < end ? bytes[position] : -1;
    }

    private void skipWhitespace() {
        while (position < end) {
            byte b = bytes[position];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            position++;
        }
    }

    private void skipByteOrderMark() {
        if (end - position >= 3 && bytes[position] == (byte) 0xEF && bytes[position + 1] == (byte) 0xBB
                && bytes[position + 2] == (byte) 0xBF) {
            position += 3;
        }
    }

    private static String describe(byte b) {
        int value = b & 0xff;
        return value >= 0x21 && value < 0x7f ? "'" + (char) value + "'" : String.format("0x%02x", value);
    }

    /** A syntax error at the current position, as line and column (both from 1) of the parsed bytes. */
    private JsonFormatException error(String message) {
        int line = 1;
        int lineStart = start;
        for (int i = start; i < position && i < end; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new JsonFormatException(message + " at line " + line + ", column " + (position - lineStart + 1));
    }
}
