package io.entire.core.redact;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds secrets in text: known token formats, private key blocks, passwords in URLs, and long high-entropy tokens.
 * {@link #mightContain} is a cheap test that is never false when {@link #find} would find something in the same
 * text, so callers can skip the precise scan for the (vast majority of) clean lines.
 */
final class SecretScanner {
    /** A half-open range of characters to replace. */
    record Span(int start, int end) {
        Span {
            if (start < 0 || end <= start) {
                throw new IllegalArgumentException("bad span " + start + ".." + end);
            }
        }
    }

    private static final int MIN_ENTROPY_RUN = 24;
    // Random base62 of 24+ characters measures 4.2-5.0 bits per character; identifiers and prose stay below 4.
    private static final double MIN_ENTROPY = 4.0;
    // CamelCase test names pass the entropy bar; their lowercase words give them away. Measured on random base62:
    // fewer than 1% of 32-character tokens reach 0.5.
    private static final double MAX_WORD_LETTER_FRACTION = 0.5;
    // Anthropic message, tool-use and request ids are random but public; transcripts are full of them, also
    // embedded ("agent_msg_01...").
    private static final List<String> PUBLIC_ID_PREFIXES = List.of("msg_", "toolu_", "req_");
    private static final List<String> TOKEN_PREFIXES = List.of("AKIA", "ASIA", "ABIA", "ACCA", "ghp_", "gho_",
            "ghu_", "ghs_", "ghr_", "github_pat_", "xox", "sk-");

    private static final Pattern AWS_KEY_ID = Pattern.compile("(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}"
            + "(?![A-Za-z0-9])");
    private static final Pattern AWS_SECRET = Pattern.compile("(?i)(?:aws_?secret_?(?:access_?)?key|"
            + "secret_?access_?key)[\"']?\\s*[:=]\\s*[\"']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])");
    private static final Pattern GITHUB = Pattern.compile("(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,255}|"
            + "github_pat_[A-Za-z0-9_]{22,255})");
    private static final Pattern SLACK = Pattern.compile("(?<![A-Za-z0-9])xox[abprs]-[A-Za-z0-9-]{10,}");
    private static final Pattern OPENAI_OR_ANTHROPIC = Pattern.compile("(?<![A-Za-z0-9_-])sk-[A-Za-z0-9_-]{20,}");
    private static final Pattern URL_PASSWORD = Pattern.compile("(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,31}://"
            + "[^\\s/?#@\"'<>:]*:([^\\s/?#@\"'<>]+)@");
    private static final byte[] SIGNATURE_MEMBER = "\"signature\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SCHEME_SEPARATOR = "://".getBytes(StandardCharsets.US_ASCII);
    // Literals that make a line worth the precise scan: token prefixes, "secret" in either case, a key block, and
    // "://" (a password in a URL needs an '@' after it).
    private static final byte[][][] NEEDLES_BY_FIRST_BYTE;

    static {
        List<byte[]> needles = new ArrayList<>(ascii(TOKEN_PREFIXES));
        needles.addAll(ascii(List.of("ecret", "ECRET", "-----BEGIN")));
        needles.add(SCHEME_SEPARATOR);
        NEEDLES_BY_FIRST_BYTE = needlesByFirstByte(needles);
    }
    private static final List<Pattern> TOKENS = List.of(AWS_KEY_ID, GITHUB, SLACK);

    /** Every secret in {@code text}, sorted and non-overlapping. */
    List<Span> find(String text) {
        List<Span> spans = knownFormats(text);
        addHighEntropyRuns(spans, text);
        return merge(spans);
    }

    /** Secrets of a recognizable format only: for values that are random by design, such as signatures. */
    List<Span> findKnownFormats(String text) {
        return merge(knownFormats(text));
    }

    private List<Span> knownFormats(String text) {
        List<Span> spans = new ArrayList<>();
        if (containsAny(text, TOKEN_PREFIXES)) {
            for (Pattern pattern : TOKENS) {
                addMatches(spans, pattern.matcher(text), 0);
            }
            Matcher sk = OPENAI_OR_ANTHROPIC.matcher(text);
            while (sk.find()) {
                // "sk-" also starts ordinary words ("sk-learn-compatible"); real keys mix all character classes.
                if (hasMixedClasses(text, sk.start() + 3, sk.end())) {
                    spans.add(new Span(sk.start(), sk.end()));
                }
            }
        }
        if (text.contains("ecret") || text.contains("ECRET")) {
            addMatches(spans, AWS_SECRET.matcher(text), 1);
        }
        if (text.contains("://")) {
            Matcher url = URL_PASSWORD.matcher(text);
            while (url.find()) {
                if (!isPlaceholder(url.group(1))) {
                    spans.add(new Span(url.start(1), url.end(1)));
                }
            }
        }
        addPrivateKeys(spans, text);
        return spans;
    }

    /**
     * False only when no string of this raw JSON text holds a secret: it checks the raw bytes, escapes and all, for
     * what {@link #find} looks for in decoded strings. Thinking signatures are left to {@link #findKnownFormats}.
     * One pass over the bytes: most lines of a transcript take only this test, and a JVM that has just started runs
     * one loop far faster than a dozen searches (each a loop of its own without the C2 compiler's intrinsics).
     */
    boolean mightContain(byte[] json, int length) {
        boolean sawScheme = false;
        int runStart = -1;
        int escapeEnd = 0;
        for (int i = 0; i < length; i++) {
            byte b = json[i];
            byte[][] needles = NEEDLES_BY_FIRST_BYTE[b & 0xff];
            if (needles != null) {
                for (byte[] needle : needles) {
                    if (startsWith(json, length, i, needle)) {
                        if (needle != SCHEME_SEPARATOR) {
                            return true;
                        }
                        sawScheme = true;
                    }
                }
            } else if (b == '@' && sawScheme) {
                return true;
            }
            if (i < escapeEnd) {
                continue;   // a JSON escape ends a run exactly as its decoded character (a control, quote or backslash)
            }
            if (isTokenChar((char) b)) {
                if (runStart < 0) {
                    runStart = i;
                }
                continue;
            }
            if (runStart >= 0 && isHighEntropyRun(json, runStart, i)) {
                return true;
            }
            runStart = -1;
            if (b == '\\') {
                escapeEnd = i + (i + 1 < length && json[i + 1] == 'u' ? 6 : 2);
            }
        }
        return runStart >= 0 && isHighEntropyRun(json, runStart, length);
    }

    private static boolean isHighEntropyRun(byte[] json, int start, int end) {
        if (end - start < MIN_ENTROPY_RUN
                || start >= SIGNATURE_MEMBER.length && startsWith(json, end, start - SIGNATURE_MEMBER.length,
                        SIGNATURE_MEMBER)) {
            return false;
        }
        String run = new String(json, start, end - start, StandardCharsets.ISO_8859_1);
        return isHighEntropySecret(run, 0, run.length());
    }

    private static boolean startsWith(byte[] bytes, int length, int offset, byte[] prefix) {
        if (length - offset < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** For each first byte, the literals {@link #mightContain} looks for that start with it. */
    private static byte[][][] needlesByFirstByte(List<byte[]> needles) {
        byte[][][] table = new byte[256][][];
        for (byte[] needle : needles) {
            byte[][] same = table[needle[0] & 0xff];
            byte[][] grown = same == null ? new byte[1][] : Arrays.copyOf(same, same.length + 1);
            grown[grown.length - 1] = needle;
            table[needle[0] & 0xff] = grown;
        }
        return table;
    }

    /** A loop, not a stream: user-prompt-submit, a light hook, redacts its prompt, and a stream costs it ~1 ms. */
    private static List<byte[]> ascii(List<String> literals) {
        List<byte[]> bytes = new ArrayList<>(literals.size());
        for (String literal : literals) {
            bytes.add(literal.getBytes(StandardCharsets.US_ASCII));
        }
        return bytes;
    }

    private static void addMatches(List<Span> spans, Matcher matcher, int group) {
        while (matcher.find()) {
            spans.add(new Span(matcher.start(group), matcher.end(group)));
        }
    }

    private static void addPrivateKeys(List<Span> spans, String text) {
        int begin = text.indexOf("-----BEGIN");
        while (begin >= 0) {
            int headerEnd = text.indexOf("-----", begin + 10);
            if (headerEnd < 0) {
                return;
            }
            if (!text.substring(begin, headerEnd).contains("PRIVATE KEY")) {
                begin = text.indexOf("-----BEGIN", headerEnd);
                continue;
            }
            int end = text.indexOf("-----END", headerEnd + 5);
            int footerEnd = end < 0 ? -1 : text.indexOf("-----", end + 8);
            // A block cut off before its footer (truncated tool output) is still a key: redact to the end.
            int stop = footerEnd < 0 ? text.length() : footerEnd + 5;
            spans.add(new Span(begin, stop));
            begin = text.indexOf("-----BEGIN", stop);
        }
    }

    private static void addHighEntropyRuns(List<Span> spans, String text) {
        int length = text.length();
        int i = 0;
        while (i < length) {
            if (!isTokenChar(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < length && isTokenChar(text.charAt(i))) {
                i++;
            }
            if (isHighEntropySecret(text, start, i)) {
                spans.add(new Span(start, i));
            }
        }
    }

    private static boolean isHighEntropySecret(String text, int start, int end) {
        if (end - start < MIN_ENTROPY_RUN || !hasMixedClasses(text, start, end)) {
            return false;
        }
        for (String prefix : PUBLIC_ID_PREFIXES) {
            int at = text.indexOf(prefix, start);
            if (at >= 0 && at < end) {
                return false;
            }
        }
        return wordLetterFraction(text, start, end) < MAX_WORD_LETTER_FRACTION
                && entropy(text, start, end) > MIN_ENTROPY;
    }

    /** The share of characters in runs of 3+ lowercase letters: 0.6-0.85 in identifiers, below 0.5 in random tokens. */
    static double wordLetterFraction(String text, int start, int end) {
        int inWords = 0;
        int run = 0;
        for (int i = start; i <= end; i++) {
            char c = i < end ? text.charAt(i) : ' ';
            if (c >= 'a' && c <= 'z') {
                run++;
            } else {
                inWords += run >= 3 ? run : 0;
                run = 0;
            }
        }
        return (double) inWords / (end - start);
    }

    static double entropy(String text, int start, int end) {
        int[] counts = new int[128];
        for (int i = start; i < end; i++) {
            counts[text.charAt(i) & 0x7f]++;
        }
        double length = end - start;
        double bits = 0;
        for (int count : counts) {
            if (count > 0) {
                double p = count / length;
                bits -= p * Math.log(p);
            }
        }
        return bits / Math.log(2);
    }

    private static boolean hasMixedClasses(String text, int start, int end) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
            digit |= c >= '0' && c <= '9';
        }
        return upper && lower && digit;
    }

    // '/' and '.' end a run so that file paths and dotted names are judged piece by piece; '=' so that in
    // "TOKEN=value" only the value goes.
    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '_'
                || c == '-';
    }

    private static boolean isPlaceholder(String password) {
        return password.equals(Redactor.REPLACEMENT) || password.startsWith("$") || password.chars()
                .allMatch(c -> c == '*' || c == 'x' || c == 'X');
    }

    private static boolean containsAny(String text, List<String> needles) {
        for (String needle : needles) {
            if (text.contains(needle)) {
                return true;
            }
        }
        return false;
    }

    private static List<Span> merge(List<Span> spans) {
        if (spans.size() < 2) {
            return spans;
        }
        // By start, the longest first; written out, as Comparator.comparing spins method handles outside the cache.
        spans.sort((left, right) -> left.start() != right.start() ? Integer.compare(left.start(), right.start())
                : Integer.compare(right.end(), left.end()));
        List<Span> merged = new ArrayList<>();
        Span current = spans.get(0);
        for (Span next : spans.subList(1, spans.size())) {
            if (next.start() <= current.end()) {
                current = new Span(current.start(), Math.max(current.end(), next.end()));
            } else {
                merged.add(current);
                current = next;
            }
        }
        merged.add(current);
        return merged;
    }
}
