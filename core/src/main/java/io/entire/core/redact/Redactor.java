package io.entire.core.redact;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonLinesReader;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import io.entire.core.json.JsonWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Replaces secrets with {@value #REPLACEMENT} before anything is stored. JSONL lines without a secret are copied
 * byte for byte; a line with one is re-serialized with only its string values redacted (keys and numbers kept), so
 * the output is still one valid JSON value per line. A line that is not JSON gets plain-text redaction.
 */
public final class Redactor {
    static final String REPLACEMENT = "REDACTED";

    private static final String SIGNATURE = "signature";

    private final SecretScanner scanner = new SecretScanner();
    // A tree keeps one value per key: of {"a":"<secret>","a":"x"} it would see only "x" and let the line through
    // unchanged. Such a line is redacted as plain text instead.
    private final JsonReader json = new JsonReader(JsonReader.DuplicateKeys.REJECT);

    public Redactor() {
    }

    /** The text with every secret replaced by {@value #REPLACEMENT}. */
    public String redactText(String text) {
        requireNonNull(text, "text is null");
        return replace(text, scanner.find(text));
    }

    /** Copies JSONL from {@code in} to {@code out} with secrets redacted; the caller closes both streams. */
    public RedactionResult redactJsonl(InputStream in, OutputStream out) {
        requireNonNull(in, "in is null");
        requireNonNull(out, "out is null");
        JsonLinesReader lines = new JsonLinesReader(in);
        long linesIn = 0;
        long linesRedacted = 0;
        long secrets = 0;
        try {
            while (lines.next()) {
                linesIn++;
                int found = redactLine(lines.bytes(), lines.length(), out);
                if (found > 0) {
                    linesRedacted++;
                    secrets += found;
                }
                if (lines.newlineTerminated()) {
                    out.write('\n');
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new EntireException(EntireException.Category.STORAGE, "cannot redact transcript at line "
                    + (linesIn + 1) + ": " + e.getMessage(), e);
        }
        return new RedactionResult(linesIn, linesRedacted, secrets);
    }

    /** Writes the line without its '\n' and returns how many secrets it replaced. */
    private int redactLine(byte[] bytes, int length, OutputStream out) throws IOException {
        // Latin-1 maps each byte to one char without decoding; every pattern we look for is ASCII.
        String raw = new String(bytes, 0, length, ISO_8859_1);
        if (!scanner.mightContain(raw)) {
            out.write(bytes, 0, length);
            return 0;
        }
        Optional<JsonValue> value = json.findValue(bytes, 0, length);
        Rewrite rewrite = value.isPresent()
                ? redactJson(value.get())
                : redactPlainLine(new String(bytes, 0, length, UTF_8));
        if (rewrite.secrets() == 0) {
            out.write(bytes, 0, length);
        } else {
            out.write(rewrite.line().getBytes(UTF_8));
        }
        return rewrite.secrets();
    }

    /** The line re-serialized with its string values redacted; keys, numbers and key order are kept. */
    private Rewrite redactJson(JsonValue line) {
        Redaction redaction = new Redaction();
        JsonValue redacted = redaction.redact(line, "");
        if (redaction.secrets == 0) {
            return Rewrite.UNCHANGED;   // the common case for lines that might hold a secret: nothing to write
        }
        return new Rewrite(JsonWriter.compact(redacted), redaction.secrets);
    }

    /**
     * Redacts a line that is not one JSON value (a pretty-printed document, a log line). Secrets are searched with
     * JSON escapes blanked out, so a replacement never swallows half of an escape sequence.
     */
    private Rewrite redactPlainLine(String line) {
        List<SecretScanner.Span> spans = scanner.find(blankEscapes(line));
        return new Rewrite(replace(line, spans), spans.size());
    }

    /** The text with each JSON escape sequence replaced by spaces of the same length, so offsets stay valid. */
    static String blankEscapes(String text) {
        int backslash = text.indexOf('\\');
        if (backslash < 0) {
            return text;
        }
        char[] chars = text.toCharArray();
        for (int i = backslash; i < chars.length; i++) {
            if (chars[i] != '\\') {
                continue;
            }
            int escapeLength = i + 1 < chars.length && chars[i + 1] == 'u' ? 6 : 2;
            int stop = Math.min(chars.length, i + escapeLength);
            for (int j = i; j < stop; j++) {
                chars[j] = ' ';
            }
            i = stop - 1;
        }
        return new String(chars);
    }

    private static String replace(String text, List<SecretScanner.Span> spans) {
        if (spans.isEmpty()) {
            return text;
        }
        StringBuilder redacted = new StringBuilder(text.length());
        int previous = 0;
        for (SecretScanner.Span span : spans) {
            redacted.append(text, previous, span.start()).append(REPLACEMENT);
            previous = span.end();
        }
        return redacted.append(text, previous, text.length()).toString();
    }

    /** A line's replacement and how many secrets it replaced; with none, the line is copied as it came. */
    private record Rewrite(String line, int secrets) {
        static final Rewrite UNCHANGED = new Rewrite("", 0);
    }

    /** One walk over a parsed line, counting what it replaces. */
    private final class Redaction {
        private int secrets;

        /** The value with its strings redacted, or the value itself when it holds no secret. */
        JsonValue redact(JsonValue value, String memberName) {
            if (value instanceof JsonString string) {
                // Thinking-block signatures are random by design, and Claude Code needs them intact to resume.
                List<SecretScanner.Span> spans = memberName.equals(SIGNATURE)
                        ? scanner.findKnownFormats(string.value()) : scanner.find(string.value());
                secrets += spans.size();
                return spans.isEmpty() ? value : new JsonString(replace(string.value(), spans));
            }
            int before = secrets;
            if (value instanceof JsonObject object) {
                Map<String, JsonValue> members = new LinkedHashMap<>();
                object.members().forEach((name, member) -> members.put(name, redact(member, name)));
                return secrets == before ? value : new JsonObject(members);
            }
            if (value instanceof JsonArray array) {
                List<JsonValue> elements = new ArrayList<>(array.elements().size());
                array.elements().forEach(element -> elements.add(redact(element, "")));
                return secrets == before ? value : new JsonArray(elements);
            }
            return value;
        }
    }
}
