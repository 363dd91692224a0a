package io.entire.core.redact;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.entire.core.EntireException;
import java.io.ByteArrayOutputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * Replaces secrets with {@value #REPLACEMENT} before anything is stored. JSONL lines without a secret are copied
 * byte for byte; a line with one is re-serialized with only its string values redacted (keys and numbers kept), so
 * the output is still one valid JSON value per line. A line that is not JSON gets plain-text redaction.
 */
public final class Redactor {
    static final String REPLACEMENT = "REDACTED";

    // Pasted images make single lines of many MB; Jackson's default cap is 20M chars per string.
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build();

    private final SecretScanner scanner = new SecretScanner();

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
        LineReader lines = new LineReader(in);
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
        ByteArrayOutputStream rewritten = new ByteArrayOutputStream(length + 64);
        int found = redactJson(bytes, length, rewritten);
        if (found < 0) {
            rewritten.reset();
            found = redactPlainLine(new String(bytes, 0, length, UTF_8), rewritten);
        }
        if (found == 0) {
            out.write(bytes, 0, length);
        } else {
            rewritten.writeTo(out);
        }
        return found;
    }

    /** Re-serializes one JSON value with its strings redacted; -1 when the line is not exactly one JSON value. */
    private int redactJson(byte[] bytes, int length, OutputStream out) throws IOException {
        GoJsonWriter writer = new GoJsonWriter(out);
        int found = 0;
        try (JsonParser parser = JSON.createParser(bytes, 0, length)) {
            JsonToken token = parser.nextToken();
            int depth = 0;
            while (token != null) {
                found += copy(parser, token, writer);
                depth += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
                token = depth == 0 ? null : parser.nextToken();
            }
            if (depth != 0 || parser.currentToken() == null || parser.nextToken() != null) {
                return -1;
            }
        } catch (JsonProcessingException | CharConversionException notJson) {
            return -1;
        }
        writer.flush();
        return found;
    }

    private int copy(JsonParser parser, JsonToken token, GoJsonWriter writer) throws IOException {
        switch (token) {
            case START_OBJECT -> writer.beginObject();
            case END_OBJECT -> writer.endObject();
            case START_ARRAY -> writer.beginArray();
            case END_ARRAY -> writer.endArray();
            case FIELD_NAME -> writer.name(parser.currentName());
            case VALUE_STRING -> {
                String value = parser.getText();
                // Thinking-block signatures are random by design, and Claude Code needs them intact to resume.
                List<SecretScanner.Span> spans = "signature".equals(parser.currentName())
                        ? scanner.findKnownFormats(value) : scanner.find(value);
                writer.string(replace(value, spans));
                return spans.size();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> writer.rawNumber(parser.getText());
            case VALUE_TRUE -> writer.literal("true");
            case VALUE_FALSE -> writer.literal("false");
            case VALUE_NULL -> writer.literal("null");
            default -> throw new IOException("unexpected JSON token " + token);
        }
        return 0;
    }

    /**
     * Redacts a line that is not one JSON value (a pretty-printed document, a log line). Secrets are searched with
     * JSON escapes blanked out, so a replacement never swallows half of an escape sequence.
     */
    private int redactPlainLine(String line, OutputStream out) throws IOException {
        List<SecretScanner.Span> spans = scanner.find(blankEscapes(line));
        out.write(replace(line, spans).getBytes(UTF_8));
        return spans.size();
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
}
