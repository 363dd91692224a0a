package io.entire.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.json.JsonString;
import io.entire.core.json.JsonWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The one-pass {@link SecretScanner#mightContain} against the plain definition it replaced (a search per literal and
 * a scan for high-entropy runs outside escapes), on real transcript lines, edge cases and random lines; and its
 * contract: whenever {@link SecretScanner#find} finds a secret in a string, the JSON text holding it passes.
 */
class SecretScannerPrefilterTest {
    private static final List<String> LITERALS = List.of("AKIA", "ASIA", "ABIA", "ACCA", "ghp_", "gho_", "ghu_",
            "ghs_", "ghr_", "github_pat_", "glpat-", "xox", "xapp-", "hooks.slack.com", "sk-", "sk_live_", "rk_live_",
            "sk_test_", "rk_test_", "AIza", "sb_secret_", "sbp_", "npm_", "pypi-", "SG.", "eyJ", "Bearer", "bearer",
            "BEARER", "ecret", "ECRET", "-----BEGIN");
    private static final List<String> SECRET_NAME_ENDINGS = List.of("secret", "token", "password", "passwd",
            "passphrase", "apikey", "accesskey", "secretkey", "privatekey", "signingkey", "encryptionkey", "authkey",
            "masterkey");
    private static final Pattern TRAILING_QUOTES_AND_BLANKS = Pattern.compile("(?:[\"' \\t\\\\]|\\\\t)*$");
    private static final Pattern PRINTABLE_ESCAPE = Pattern.compile("\\\\u(?:00[2-7][0-9a-fA-F])");
    private static final Pattern TWILIO_KEY = Pattern.compile("SK[0-9a-fA-F]{32}");
    private static final String SIGNATURE_MEMBER = "\"signature\":\"";

    private final SecretScanner scanner = new SecretScanner();

    @Test
    void agreesWithThePlainDefinitionOnEveryLineOfTheRealTranscripts() throws IOException {
        int lines = 0;
        int passed = 0;
        for (Path transcript : Fixtures.claudeCodeTranscripts()) {
            for (String line : Files.readAllLines(transcript, StandardCharsets.ISO_8859_1)) {
                lines++;
                boolean expected = plainDefinition(line);
                assertThat(mightContain(line)).as("line %d of %s", lines, transcript).isEqualTo(expected);
                passed += expected ? 1 : 0;
            }
        }
        assertThat(lines).isGreaterThan(50);
        assertThat(passed).as("lines that take the precise scan").isLessThan(lines);
    }

    @Test
    void agreesOnEdgeCases() {
        String key = "Zx9Qw3Er7Ty1Ui5Op2As8Df4Gh";   // 26 characters of mixed classes, high entropy
        List<String> cases = new ArrayList<>(List.of("", "a", "@", "://", "@://", "x://y", "x://y@z", "https://u:p@h",
                "\\u" + "ACCA", "\\\\ghp_", "\\\"sk-", "\\", "ab\\", "ab\\u00", "-----BEGI", "-----BEGIN", "xo", "xox",
                "ecre", "ECRE", "SECRET", "\\u0067hp_", "\\u003c", "\\\\u0067", "DB_PASSWORD=x", "\"api-key\": ",
                "to\\tken\\t=", "a_token\\\" :", "tokens:", "SK" + "0123456789abcdef0123456789ABCDEF", key,
                "\\n" + key, key + "\\n", "\\u0041" + key, key.substring(0, 23),
                SIGNATURE_MEMBER + key, "\"signature\": \"" + key, "x" + SIGNATURE_MEMBER + key + "\"",
                key + "msg_", "toolu_" + key, "a/" + key + "/b", key + "." + key));
        for (String literal : LITERALS) {
            cases.add(literal);
            cases.add("{\"a\":\"" + literal + "\"}");
            cases.add(literal.substring(0, literal.length() - 1));
            cases.add("\\u" + literal);
        }
        for (String text : cases) {
            assertThat(mightContain(text)).as(text).isEqualTo(plainDefinition(text));
        }
    }

    @Test
    void agreesOnRandomLinesAndNeverMissesWhatTheScannerFinds() {
        Random random = new Random(20261121);
        String[] pieces = {"a", "Z", "7", "_", "-", "+", "/", ".", " ", "@", ":", "://", "\\", "\\u", "\\n", "\"",
                "é", "AKIA", "ghp_", "xox", "sk-", "ecret", "-----BEGIN", "PRIVATE KEY-----", "msg_", "=", "'",
                "PASSWORD", "token", "api_key", "\\u0041", "Bearer ", "SK" + "0123456789abcdef0123456789abcdef",
                "ZGF0YWJhc2U6CiAgcGFzc3dvcmQ6", "c2VjcmV0PXMzY3IzdA==", "sha512-", "h1:",
                SIGNATURE_MEMBER, "Zx9Qw3Er7Ty1Ui5Op2As8Df4Gh", "kP0vB6nM2cX8zL4jH1gF7dS3aQ9w", "user:hunter2@"};
        int found = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder value = new StringBuilder();
            for (int n = random.nextInt(12); n >= 0; n--) {
                value.append(pieces[random.nextInt(pieces.length)]);
            }
            String raw = value.toString();
            assertThat(mightContain(raw)).as(raw).isEqualTo(plainDefinition(raw));
            // The same text as a JSON string value: what the redactor decodes and scans.
            String line = "{\"text\":" + JsonWriter.compact(new JsonString(raw)) + "}";
            if (!scanner.find(raw).isEmpty()) {
                found++;
                assertThat(mightContain(line)).as(line).isTrue();
            }
        }
        assertThat(found).as("random values with a secret").isGreaterThan(1000);
    }

    @Test
    void judgesEveryRunOnTheBytesAsOnItsString() throws IOException {
        List<String> runs = new ArrayList<>();
        for (Path transcript : Fixtures.claudeCodeTranscripts()) {
            runs.addAll(longRuns(Files.readString(transcript, StandardCharsets.ISO_8859_1)));
        }
        Random random = new Random(20261205);
        String[] pieces = {"a", "Z", "7", "f", "F", "_", "-", "+", "SK", "msg_", "toolu_", "req_", "word", "Zx9Qw3",
            "kP0vB6nM2cX8", "0123456789abcdef", "ABCDEF"};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder run = new StringBuilder();
            while (run.length() < 24 || random.nextInt(4) > 0) {
                run.append(pieces[random.nextInt(pieces.length)]);
            }
            runs.add(run.toString());
            // Twilio keys and near misses: a character too many or too few, "sk", a letter past 'f'.
            StringBuilder hex = new StringBuilder();
            for (int n = 31 + random.nextInt(3); n >= 0; n--) {
                hex.append("0123456789abcdefABCDEFg".charAt(random.nextInt(i % 2 == 0 ? 22 : 23)));
            }
            runs.add((i % 5 == 0 ? "sk" : "SK") + hex);
        }
        int candidates = 0;
        int twilioKeys = 0;
        for (String run : runs) {
            byte[] bytes = ("@" + run + "@").getBytes(StandardCharsets.ISO_8859_1);
            boolean candidate = SecretScanner.isHighEntropyCandidate(run, 0, run.length());
            boolean twilio = TWILIO_KEY.matcher(run).matches();
            assertThat(SecretScanner.isHighEntropyCandidate(bytes, 1, bytes.length - 1)).as(run).isEqualTo(candidate);
            assertThat(SecretScanner.isTwilioKey(bytes, 1, bytes.length - 1)).as(run).isEqualTo(twilio);
            candidates += candidate ? 1 : 0;
            twilioKeys += twilio ? 1 : 0;
        }
        assertThat(candidates).as("candidates").isGreaterThan(1000).isLessThan(runs.size() - 1000);
        assertThat(twilioKeys).as("Twilio keys").isGreaterThan(10);
    }

    /** The runs of token characters long enough to be judged. */
    private static List<String> longRuns(String text) {
        List<String> runs = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int start = i;
            while (i < text.length() && isTokenChar(text.charAt(i))) {
                i++;
            }
            if (i - start >= 24) {
                runs.add(text.substring(start, i));
            }
            i = Math.max(i, start + 1);
        }
        return runs;
    }

    private boolean mightContain(String latin1) {
        byte[] bytes = latin1.getBytes(StandardCharsets.ISO_8859_1);
        return scanner.mightContain(bytes, bytes.length);
    }

    /**
     * The definition: a search per literal, a URL separator before an '@', a secret's name before a ':' or '=', an
     * escape of a printable character, or a run outside escapes (and outside a thinking signature) that the scanner
     * would judge.
     */
    private static boolean plainDefinition(String text) {
        for (String literal : LITERALS) {
            if (text.contains(literal)) {
                return true;
            }
        }
        int scheme = text.indexOf("://");
        return scheme >= 0 && text.indexOf('@', scheme) > 0 || hasSecretNameBeforeAssignment(text)
                || hasJudgedRunOrPrintableEscape(text);
    }

    private static boolean hasSecretNameBeforeAssignment(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) != ':' && text.charAt(i) != '=') {
                continue;
            }
            String name = TRAILING_QUOTES_AND_BLANKS.matcher(text.substring(0, i)).replaceFirst("");
            // The name's last letters, a separator before "key" left out ("API_KEY" ends with "apikey").
            String letters = name.toLowerCase(Locale.ROOT).replaceFirst("[_.-](?=key$)", "");
            if (SECRET_NAME_ENDINGS.stream().anyMatch(letters::endsWith)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasJudgedRunOrPrintableEscape(String text) {
        int signatureEnd = -1;
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith(SIGNATURE_MEMBER, i)) {
                int quote = text.indexOf('"', i + SIGNATURE_MEMBER.length());
                int backslash = text.indexOf('\\', i + SIGNATURE_MEMBER.length());
                boolean thinking = quote - i - SIGNATURE_MEMBER.length() >= SecretScanner.MIN_THINKING_SIGNATURE
                        && (backslash < 0 || backslash > quote);
                signatureEnd = thinking ? quote : -1;
            }
            char c = text.charAt(i);
            if (c == '\\') {
                if (PRINTABLE_ESCAPE.matcher(text).region(i, text.length()).lookingAt()
                        && !List.of("3c", "3C", "3e", "3E", "26").contains(text.substring(i + 4, i + 6))) {
                    return true;
                }
                i += i + 1 < text.length() && text.charAt(i + 1) == 'u' ? 6 : 2;
                continue;
            }
            if (!isTokenChar(c)) {
                i++;
                continue;
            }
            int start = i;
            while (i < text.length() && isTokenChar(text.charAt(i))) {
                i++;
            }
            String run = text.substring(start, i);
            boolean inSignature = i <= signatureEnd;
            if (TWILIO_KEY.matcher(run).matches() || !inSignature && run.length() >= 24
                    && SecretScanner.isHighEntropyCandidate(run, 0, run.length())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTokenChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '_'
                || c == '-';
    }
}
