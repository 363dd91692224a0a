package io.entire.core.redact;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Finds secrets in text: known token formats, private key blocks, passwords in URLs, and long high-entropy tokens.
 * {@link #mightContain} is a cheap test that is never false when {@link #find} would find something in the same
 * text, so callers can skip the precise scan for the (vast majority of) clean lines.
 */
final class SecretScanner {
    /** A half-open range of characters to replace, and what it was taken for. */
    record Span(int start, int end, SecretKind kind) {
        Span {
            if (start < 0 || end <= start) {
                throw new IllegalArgumentException("bad span " + start + ".." + end);
            }
            requireNonNull(kind, "kind is null");
        }
    }

    // Runs this long are judged: as a secret, or as base64 that may wrap one.
    private static final int MIN_ENTROPY_RUN = 24;
    // A random token shorter than this is more often an id (database keys, 24-character object ids) than a secret;
    // it is a secret only where its context says so.
    private static final int MIN_SECRET_RUN = 32;
    // Random base62 of 24+ characters measures 4.2-5.0 bits per character; identifiers and prose stay below 4.
    private static final double MIN_ENTROPY = 4.0;
    // Base64 of short text measures less (3.7 for a 20-character key id): enough to be decoded and searched.
    private static final double MIN_BASE64_ENTROPY = 3.5;
    // CamelCase test names pass the entropy bar; their lowercase words give them away. Measured on random base62:
    // fewer than 1% of 32-character tokens reach 0.5.
    private static final double MAX_WORD_LETTER_FRACTION = 0.5;
    // Binary base64 this long is a file (an image, an archive), not a key; text is searched whatever its length.
    private static final int MAX_SECRET_BLOB = 1024;
    // Decoded base64 text is searched again, and so is base64 in it, this many times.
    private static final int MAX_BASE64_DEPTH = 2;
    // A thinking block's signature is hundreds of base64 characters, random by design, and Claude Code needs it
    // intact to resume a session; a shorter "signature" value is searched like any other.
    static final int MIN_THINKING_SIGNATURE = 200;
    // Anthropic message, tool-use and request ids are random but public; transcripts are full of them, also
    // embedded ("agent_msg_01..."). Each ends with '_', which the search on bytes looks for first.
    private static final List<String> PUBLIC_ID_PREFIXES = List.of("msg_", "toolu_", "req_");
    private static final List<byte[]> PUBLIC_ID_PREFIX_BYTES = ascii(PUBLIC_ID_PREFIXES);
    // Integrity hashes of lockfiles and go.sum: "sha512-<base64>", "h1:<base64>".
    private static final List<String> HASH_PREFIXES = List.of("sha1-", "sha256-", "sha384-", "sha512-");
    private static final String GO_SUM_HASH = "h1:";
    private static final byte[] SIGNATURE_MEMBER = "\"signature\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SCHEME_SEPARATOR = "://".getBytes(StandardCharsets.US_ASCII);
    // Literals that make a line worth the precise scan: token prefixes, "secret" in either case, a key block,
    // "://" (a password in a URL needs an '@' after it), and a thinking signature (whose runs are skipped).
    private static final byte[][][] NEEDLES_BY_FIRST_BYTE;

    static {
        List<byte[]> needles = new ArrayList<>(ascii(KnownFormats.literals()));
        needles.addAll(ascii(List.of("ecret", "ECRET", "-----BEGIN")));
        needles.add(SCHEME_SEPARATOR);
        needles.add(SIGNATURE_MEMBER);
        NEEDLES_BY_FIRST_BYTE = needlesByFirstByte(needles);
    }

    private final RedactionRules rules;

    SecretScanner() {
        this(RedactionRules.NONE);
    }

    SecretScanner(RedactionRules rules) {
        this.rules = requireNonNull(rules, "rules is null");
    }

    /** Every secret in {@code text}, sorted and non-overlapping. */
    List<Span> find(String text) {
        return merge(rules.apply(text, find(text, 0)));
    }

    /** Secrets of a recognizable format only: for values that are random by design, such as signatures. */
    List<Span> findKnownFormats(String text) {
        return merge(rules.apply(text, KnownFormats.find(text)));
    }

    private List<Span> find(String text, int base64Depth) {
        List<Span> spans = KnownFormats.find(text);
        addHighEntropyRuns(spans, text, base64Depth);
        return merge(spans);
    }

    /**
     * False only when no string of this raw JSON text holds a secret: it checks the raw bytes, escapes and all, for
     * what {@link #find} looks for in decoded strings (always true with custom patterns). A text with a \\u escape of
     * a printable ASCII character passes, as its decoded form may spell a token. Thinking signatures are left to
     * {@link #findKnownFormats}.
     * One pass over the bytes: most lines of a transcript take only this test, and a JVM that has just started runs
     * one loop far faster than a dozen searches (each a loop of its own without the C2 compiler's intrinsics).
     */
    boolean mightContain(byte[] json, int length) {
        if (rules.hasPatterns()) {
            return true;    // a custom pattern may match anything
        }
        boolean sawScheme = false;
        int runStart = -1;
        int escapeEnd = 0;
        int signatureStart = -1;            // inside the value of a "signature" member, where it began
        boolean signatureHasRun = false;    // a run there counts unless the value is a thinking signature
        for (int i = 0; i < length; i++) {
            byte b = json[i];
            byte[][] needles = NEEDLES_BY_FIRST_BYTE[b & 0xff];
            if (needles != null) {
                // Common letters start needles ('e', 's'): the second byte rules most of them out at once.
                byte next = i + 1 < length ? json[i + 1] : 0;
                for (byte[] needle : needles) {
                    if (needle[1] == next && startsWith(json, length, i, needle)) {
                        if (needle == SIGNATURE_MEMBER) {
                            if (signatureHasRun && i >= signatureStart && i - signatureStart < MIN_THINKING_SIGNATURE) {
                                return true;    // its quote closes a short signature value holding a run
                            }
                            signatureStart = i + needle.length;
                            signatureHasRun = false;
                        } else if (needle == SCHEME_SEPARATOR) {
                            sawScheme = true;
                        } else {
                            return true;
                        }
                    }
                }
            } else if (b == '@' && sawScheme) {
                return true;
            }
            if ((b == ':' || b == '=') && SecretAssignments.mayFollowSecretName(json, i)) {
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
            if (runStart >= 0) {
                Run run = judge(json, runStart, i);
                if (run == Run.TOKEN || run == Run.CANDIDATE && (signatureStart < 0 || runStart < signatureStart)) {
                    return true;
                }
                signatureHasRun |= run == Run.CANDIDATE;
                runStart = -1;
            }
            if (signatureStart >= 0 && i >= signatureStart && (b == '"' || b == '\\')) {
                boolean thinking = b == '"' && i - signatureStart >= MIN_THINKING_SIGNATURE;
                if (signatureHasRun && !thinking) {
                    return true;
                }
                signatureStart = -1;
            }
            if (b == '\\') {
                boolean unicode = i + 1 < length && json[i + 1] == 'u';
                if (unicode && isPrintableEscape(json, length, i + 2)) {
                    return true;
                }
                escapeEnd = i + (unicode ? 6 : 2);
            }
        }
        Run last = runStart < 0 ? Run.NONE : judge(json, runStart, length);
        return last == Run.TOKEN || last == Run.CANDIDATE && (signatureStart < 0 || runStart < signatureStart)
                || signatureStart >= 0 && (signatureHasRun || last == Run.CANDIDATE);
    }

    /** A \\u escape that decodes to a printable ASCII character other than the ones Go escapes in HTML (<, >, &). */
    private static boolean isPrintableEscape(byte[] json, int length, int hexStart) {
        if (length - hexStart < 4) {
            return false;
        }
        int code = 0;
        for (int i = hexStart; i < hexStart + 4; i++) {
            int digit = Character.digit(json[i], 16);
            if (digit < 0) {
                return false;
            }
            code = code * 16 + digit;
        }
        return code >= 0x20 && code < 0x7f && code != '<' && code != '>' && code != '&';
    }

    /** What {@link #find} might take a run of token characters for. */
    private enum Run {
        NONE,
        CANDIDATE,  // a secret, or base64 that may hold one
        TOKEN       // a token of a known format
    }

    /**
     * Judged on the bytes in place: a transcript has thousands of long runs, and a JVM that has just started pays
     * dearly for a String and a regex match per run.
     */
    private static Run judge(byte[] json, int start, int end) {
        if (end - start < MIN_ENTROPY_RUN) {
            return Run.NONE;
        }
        if (isTwilioKey(json, start, end)) {
            return Run.TOKEN;
        }
        return isHighEntropyCandidate(json, start, end) ? Run.CANDIDATE : Run.NONE;
    }

    /** A Twilio API key sid as a whole run of token characters: "SK" and 32 hex digits. */
    static boolean isTwilioKey(byte[] run, int start, int end) {
        if (end - start != 34 || run[start] != 'S' || run[start + 1] != 'K') {
            return false;
        }
        for (int i = start + 2; i < end; i++) {
            if (Character.digit(run[i], 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** {@link #isHighEntropyCandidate(String, int, int)} for a run of token characters (ASCII) in raw bytes. */
    static boolean isHighEntropyCandidate(byte[] run, int start, int end) {
        if (end - start < MIN_ENTROPY_RUN || !hasBothCases(run, start, end)) {
            return false;
        }
        for (int underscore = start; underscore < end; underscore++) {
            if (run[underscore] == '_' && endsPublicIdPrefix(run, start, underscore)) {
                return false;
            }
        }
        if (wordLetterFraction(run, start, end) >= MAX_WORD_LETTER_FRACTION) {
            return false;
        }
        int[] counts = new int[128];
        for (int i = start; i < end; i++) {
            counts[run[i] & 0x7f]++;
        }
        return entropy(counts, end - start) > MIN_BASE64_ENTROPY;
    }

    private static boolean endsPublicIdPrefix(byte[] run, int start, int underscore) {
        for (byte[] prefix : PUBLIC_ID_PREFIX_BYTES) {
            int at = underscore + 1 - prefix.length;
            if (at >= start && startsWith(run, underscore + 1, at, prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasBothCases(byte[] run, int start, int end) {
        boolean upper = false;
        boolean lower = false;
        for (int i = start; i < end && !(upper && lower); i++) {
            byte c = run[i];
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
        }
        return upper && lower;
    }

    private static double wordLetterFraction(byte[] run, int start, int end) {
        int inWords = 0;
        int letters = 0;
        for (int i = start; i <= end; i++) {
            byte c = i < end ? run[i] : (byte) ' ';
            if (c >= 'a' && c <= 'z') {
                letters++;
            } else {
                inWords += letters >= 3 ? letters : 0;
                letters = 0;
            }
        }
        return (double) inWords / (end - start);
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
            if (needle.length < 2) {
                throw new IllegalArgumentException(
                        "a needle of one byte: " + new String(needle, StandardCharsets.US_ASCII));
            }
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

    /**
     * Adds random-looking runs of token characters. A run that is part of base64 is judged by what the blob decodes
     * to; hashes after a lockfile's algorithm prefix and the bodies of public key blocks are never secrets.
     */
    private void addHighEntropyRuns(List<Span> spans, String text, int base64Depth) {
        List<Span> publicBlocks = publicKeyBlocks(text);
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
            int hashEnd = integrityHashEnd(text, start);
            if (hashEnd > start) {
                i = Math.max(i, hashEnd);
                continue;
            }
            if (!isHighEntropyCandidate(text, start, i) || isInside(publicBlocks, start)) {
                continue;
            }
            int blobStart = Base64Blobs.start(text, start);
            int blobEnd = Base64Blobs.end(text, i);
            Optional<byte[]> decoded = Base64Blobs.decode(text, blobStart, blobEnd);
            boolean secretRun = i - start >= MIN_SECRET_RUN && KnownFormats.hasMixedClasses(text, start, i)
                    && entropy(text, start, i) > MIN_ENTROPY;
            if (decoded.isEmpty()) {
                if (secretRun) {
                    spans.add(new Span(start, i, SecretKind.RANDOM_TOKEN));
                }
                continue;
            }
            secretBlob(decoded.get(), blobEnd - blobStart, secretRun, base64Depth)
                    .ifPresent(kind -> spans.add(new Span(blobStart, blobEnd, kind)));
            i = Math.max(i, blobEnd);
        }
    }

    /** What the blob is taken for, if a secret: text holding one, or a random token that is no file. */
    private Optional<SecretKind> secretBlob(byte[] decoded, int blobLength, boolean secretRun, int base64Depth) {
        Optional<String> text = Base64Blobs.text(decoded);
        if (text.isPresent()) {
            return base64Depth < MAX_BASE64_DEPTH && !find(text.get(), base64Depth + 1).isEmpty()
                    ? Optional.of(SecretKind.BASE64_SECRET) : Optional.empty();
        }
        return secretRun && blobLength <= MAX_SECRET_BLOB && !Base64Blobs.isPublicData(decoded)
                ? Optional.of(SecretKind.RANDOM_TOKEN) : Optional.empty();
    }

    /** Where the hash that starts at (or right after a prefix ending at) {@code start} ends, or -1. */
    private static int integrityHashEnd(String text, int start) {
        for (String prefix : HASH_PREFIXES) {
            if (text.startsWith(prefix, start)) {
                return Base64Blobs.end(text, start + prefix.length());
            }
        }
        return start >= GO_SUM_HASH.length() && text.startsWith(GO_SUM_HASH, start - GO_SUM_HASH.length())
                ? Base64Blobs.end(text, start) : -1;
    }

    /** Certificates and public keys in PEM: from "-----BEGIN" to the end of the footer (or of a truncated text). */
    private static List<Span> publicKeyBlocks(String text) {
        int begin = text.indexOf("-----BEGIN");
        if (begin < 0) {
            return List.of();
        }
        List<Span> blocks = new ArrayList<>();
        while (begin >= 0) {
            int headerEnd = text.indexOf("-----", begin + 10);
            if (headerEnd < 0) {
                break;
            }
            int end = text.indexOf("-----END", headerEnd + 5);
            int footerEnd = end < 0 ? -1 : text.indexOf("-----", end + 8);
            int stop = footerEnd < 0 ? text.length() : footerEnd + 5;
            if (!text.substring(begin, headerEnd).contains("PRIVATE KEY")) {
                blocks.add(new Span(begin, stop, SecretKind.PRIVATE_KEY));
            }
            begin = text.indexOf("-----BEGIN", stop);
        }
        return blocks;
    }

    private static boolean isInside(List<Span> blocks, int index) {
        for (Span block : blocks) {
            if (index >= block.start() && index < block.end()) {
                return true;
            }
        }
        return false;
    }

    /** A run long and random enough to be judged: as a secret, or as base64 that may hold one. */
    static boolean isHighEntropyCandidate(String text, int start, int end) {
        if (end - start < MIN_ENTROPY_RUN || !hasBothCases(text, start, end)) {
            return false;
        }
        for (String prefix : PUBLIC_ID_PREFIXES) {
            for (int at = start; at <= end - prefix.length(); at++) {
                if (text.startsWith(prefix, at)) {
                    return false;
                }
            }
        }
        return wordLetterFraction(text, start, end) < MAX_WORD_LETTER_FRACTION
                && entropy(text, start, end) > MIN_BASE64_ENTROPY;
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
        return entropy(counts, end - start);
    }

    /** Shannon entropy in bits per character of a text of {@code length} characters with these counts. */
    private static double entropy(int[] counts, int length) {
        double bits = 0;
        for (int count : counts) {
            if (count > 0) {
                double p = (double) count / length;
                bits -= p * Math.log(p);
            }
        }
        return bits / Math.log(2);
    }

    // Base64 of text in capitals and digits may have no digit.
    private static boolean hasBothCases(String text, int start, int end) {
        boolean upper = false;
        boolean lower = false;
        for (int i = start; i < end && !(upper && lower); i++) {
            char c = text.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
        }
        return upper && lower;
    }

    // '/' and '.' end a run so that file paths and dotted names are judged piece by piece; '=' so that in
    // "TOKEN=value" only the value goes.
    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '_'
                || c == '-';
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
                current = new Span(current.start(), Math.max(current.end(), next.end()), current.kind());
            } else {
                merged.add(current);
                current = next;
            }
        }
        merged.add(current);
        return merged;
    }
}
