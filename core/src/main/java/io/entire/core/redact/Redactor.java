package io.entire.core.redact;

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

    // Thinking-block signatures are random by design, and Claude Code needs them intact to resume.
    private static final String SIGNATURE = "signature";

    private final SecretScanner scanner;
    private final RedactionRules rules;
    // A tree keeps one value per key: of {"a":"<secret>","a":"x"} it would see only "x" and let the line through
    // unchanged. Such a line is redacted as plain text instead.
    private final JsonReader json = new JsonReader(JsonReader.DuplicateKeys.REJECT);
    private final int maxLineLength;

    public Redactor() {
        this(JsonLinesReader.DEFAULT_MAX_LINE_LENGTH, RedactionRules.NONE);
    }

    /** A redactor that also applies a project's rules (allowed text, extra patterns). */
    public Redactor(RedactionRules rules) {
        this(JsonLinesReader.DEFAULT_MAX_LINE_LENGTH, rules);
    }

    /**
     * A redactor whose JSONL input may hold lines of at most {@code maxLineLength} bytes; a longer one is a
     * {@link io.entire.core.json.LineTooLongException}, thrown before it is buffered.
     */
    public Redactor(int maxLineLength, RedactionRules rules) {
        if (maxLineLength < 1) {
            throw new IllegalArgumentException("line length limit must be positive: " + maxLineLength);
        }
        this.maxLineLength = maxLineLength;
        this.rules = requireNonNull(rules, "rules is null");
        this.scanner = new SecretScanner(rules);
    }

    /** The text with every secret replaced by {@value #REPLACEMENT}. */
    public String redactText(String text) {
        requireNonNull(text, "text is null");
        StringBuilder quoted = new StringBuilder(text.length() + 2);
        JsonWriter.quote(quoted, text);
        byte[] json = quoted.toString().getBytes(UTF_8);
        if (!scanner.mightContain(json, json.length)) {
            return text;    // most prompts: one pass over the bytes, no expression compiled or run
        }
        return replace(text, scanner.find(text));
    }

    /** Copies JSONL from {@code in} to {@code out} with secrets redacted; the caller closes both streams. */
    public RedactionResult redactJsonl(InputStream in, OutputStream out) {
        return redactJsonl(in, out, (line, length, number) -> {
        });
    }

    /**
     * As {@link #redactJsonl(InputStream, OutputStream)}, handing each line as written (redacted) to {@code lines}
     * too, so that a caller can analyze the stored text in the same pass.
     */
    public RedactionResult redactJsonl(InputStream in, OutputStream out, LineSink lines) {
        requireNonNull(in, "in is null");
        requireNonNull(out, "out is null");
        requireNonNull(lines, "lines is null");
        JsonLinesReader reader = new JsonLinesReader(in, maxLineLength);
        long linesIn = 0;
        long linesRedacted = 0;
        long secrets = 0;
        try {
            while (reader.next()) {
                linesIn++;
                byte[] line = reader.bytes();
                int length = reader.length();
                Rewrite rewrite = redactLine(line, length);
                if (rewrite.secrets() > 0) {
                    linesRedacted++;
                    secrets += rewrite.secrets();
                    line = rewrite.line();
                    length = line.length;
                }
                out.write(line, 0, length);
                if (reader.newlineTerminated()) {
                    out.write('\n');
                }
                lines.accept(line, length, linesIn);
            }
            out.flush();
        } catch (IOException e) {
            throw new EntireException(EntireException.Category.STORAGE, "cannot redact transcript at line "
                    + (linesIn + 1) + ": " + e.getMessage(), e);
        }
        return new RedactionResult(linesIn, linesRedacted, secrets);
    }

    /**
     * Where redacting this JSONL would change it: one finding per line, with the kinds of secret it holds. Reads
     * only; a line longer than the limit is a {@link io.entire.core.json.LineTooLongException}.
     */
    public List<SecretFinding> findInJsonl(InputStream in) {
        requireNonNull(in, "in is null");
        JsonLinesReader reader = new JsonLinesReader(in, maxLineLength);
        List<SecretFinding> findings = new ArrayList<>();
        long lineNumber = 0;
        try {
            while (reader.next()) {
                lineNumber++;
                Rewrite rewrite = redactLine(reader.bytes(), reader.length());
                if (rewrite.secrets() > 0) {
                    findings.add(new SecretFinding(lineNumber, distinct(rewrite.kinds())));
                }
            }
        } catch (IOException e) {
            throw new EntireException(EntireException.Category.STORAGE, "cannot read transcript at line "
                    + (lineNumber + 1) + ": " + e.getMessage(), e);
        }
        return findings;
    }

    /** Where {@link #redactText} would change the text: a finding per line a secret starts on. */
    public List<SecretFinding> findInText(String text) {
        requireNonNull(text, "text is null");
        if (redactText(text).equals(text)) {
            return List.of();
        }
        Map<Long, List<SecretKind>> byLine = new LinkedHashMap<>();
        int line = 1;
        int counted = 0;
        for (SecretScanner.Span span : scanner.find(text)) {
            for (; counted < span.start(); counted++) {
                line += text.charAt(counted) == '\n' ? 1 : 0;
            }
            byLine.computeIfAbsent((long) line, key -> new ArrayList<>()).add(span.kind());
        }
        List<SecretFinding> findings = new ArrayList<>();
        byLine.forEach((number, kinds) -> findings.add(new SecretFinding(number, distinct(kinds))));
        return findings;
    }

    private static List<SecretKind> distinct(List<SecretKind> kinds) {
        return kinds.stream().distinct().toList();
    }

    /** Receives each line of a JSONL stream as it was written. */
    @FunctionalInterface
    public interface LineSink {
        /** The line without its '\n' in the first {@code length} bytes; the array is reused for the next line. */
        void accept(byte[] line, int length, long lineNumber) throws IOException;
    }

    /** The line's replacement, or {@link Rewrite#UNCHANGED} when it holds no secret. */
    private Rewrite redactLine(byte[] bytes, int length) {
        if (!scanner.mightContain(bytes, length)) {
            return Rewrite.UNCHANGED;
        }
        Optional<JsonValue> value = json.findValue(bytes, 0, length);
        return value.isPresent() ? redactJson(value.get(), bytes, length)
                : redactPlainLine(new String(bytes, 0, length, UTF_8));
    }

    /** The line re-serialized with its strings redacted, member names too; numbers and key order are kept. */
    private Rewrite redactJson(JsonValue line, byte[] bytes, int length) {
        Redaction redaction = new Redaction();
        JsonValue redacted = redaction.redact(line, "");
        if (redaction.kinds.isEmpty()) {
            return Rewrite.UNCHANGED;   // the common case for lines that might hold a secret: nothing to write
        }
        if (redaction.namesCollided) {
            // {"<secret 1>":1,"<secret 2>":2} must not become one member
            return redactPlainLine(new String(bytes, 0, length, UTF_8));
        }
        return new Rewrite(JsonWriter.compact(redacted).getBytes(UTF_8), redaction.kinds);
    }

    /**
     * Redacts a line that is not one JSON value (a pretty-printed document, a log line). Secrets are searched with
     * JSON escapes blanked out, so a replacement never swallows half of an escape sequence.
     */
    private Rewrite redactPlainLine(String line) {
        List<SecretScanner.Span> spans = scanner.find(blankEscapes(line));
        return spans.isEmpty() ? Rewrite.UNCHANGED : new Rewrite(replace(line, spans).getBytes(UTF_8), kinds(spans));
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

    private static List<SecretKind> kinds(List<SecretScanner.Span> spans) {
        List<SecretKind> kinds = new ArrayList<>(spans.size());
        for (SecretScanner.Span span : spans) {
            kinds.add(span.kind());
        }
        return kinds;
    }

    /** A line's replacement and the secrets it replaced; with none, the line is copied as it came. */
    private record Rewrite(byte[] line, List<SecretKind> kinds) {
        static final Rewrite UNCHANGED = new Rewrite(new byte[0], List.of());

        int secrets() {
            return kinds.size();
        }
    }

    /** One walk over a parsed line, counting what it replaces. */
    private final class Redaction {
        private final List<SecretKind> kinds = new ArrayList<>();
        private boolean namesCollided;

        /** The value with its strings redacted, or the value itself when it holds no secret. */
        JsonValue redact(JsonValue value, String memberName) {
            if (value instanceof JsonString string) {
                return redactString(string, memberName);
            }
            int before = kinds.size();
            if (value instanceof JsonObject object) {
                Map<String, JsonValue> members = new LinkedHashMap<>();
                object.members().forEach((name, member) -> {
                    String redactedName = redactText(name, scanner.find(name));
                    namesCollided |= members.containsKey(redactedName);
                    members.put(redactedName, redact(member, name));
                });
                return kinds.size() == before ? value : new JsonObject(members);
            }
            if (value instanceof JsonArray array) {
                List<JsonValue> elements = new ArrayList<>(array.elements().size());
                array.elements().forEach(element -> elements.add(redact(element, "")));
                return kinds.size() == before ? value : new JsonArray(elements);
            }
            return value;
        }

        private JsonValue redactString(JsonString string, String memberName) {
            String text = string.value();
            if (SecretAssignments.isSecretMember(memberName, text) && !rules.allows(text)) {
                kinds.add(SecretKind.SECRET_VALUE);
                return new JsonString(REPLACEMENT);
            }
            boolean thinkingSignature = memberName.equals(SIGNATURE)
                    && text.length() >= SecretScanner.MIN_THINKING_SIGNATURE;
            List<SecretScanner.Span> spans = thinkingSignature ? scanner.findKnownFormats(text) : scanner.find(text);
            return spans.isEmpty() ? string : new JsonString(redactText(text, spans));
        }

        private String redactText(String text, List<SecretScanner.Span> spans) {
            kinds.addAll(kinds(spans));
            return replace(text, spans);
        }
    }
}
