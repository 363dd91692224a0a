package io.entire.core.redact;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values assigned to a name that says it holds a secret: {@code DB_PASSWORD=...}, {@code "client_secret": "..."},
 * {@code api-key: ...}. The name is what makes them secrets (a hex token or a UUID is not one on its own), so the
 * value is redacted whatever its shape, unless it is plainly not a literal (a variable, a call, a placeholder).
 */
final class SecretAssignments {
    // The name ends with one of these words; "input_tokens" and "secret_key_base" do not.
    private static final String SECRET_NAME = "[A-Za-z0-9_.-]*?(?:secret|token|passw(?:or)?d|passphrase"
            + "|(?:api|access|secret|private|signing|encryption|auth|master)[_.-]?key)";
    private static final List<String> PLACEHOLDER_PREFIXES = List.of("your", "changeme", "placeholder", "redacted");
    private static final List<String> NOT_LITERALS = List.of("null", "none", "nil", "undefined", "true", "false");
    private static final int MIN_LITERAL = 6;
    // The words the names above end with, for the quick tests that come before the regex.
    private static final List<String> NAME_ENDINGS = List.of("secret", "token", "password", "passwd", "passphrase");
    private static final List<String> KEY_QUALIFIERS = List.of("api", "access", "secret", "private", "signing",
            "encryption", "auth", "master");
    private static final String KEY = "key";

    /** Compiled the first time a text is searched: a hook that redacts nothing compiles none. */
    private static final class Expressions {
        static final Pattern ASSIGNMENT = Pattern.compile("(?i)(?<![A-Za-z0-9])(" + SECRET_NAME + ")"
                + "(?![A-Za-z0-9])[\"']?[ \\t]*(?::=|:|=)[ \\t]*(?:\"([^\"\\n]*)\"|'([^'\\n]*)'|([^\\s\"'`,;]+))");
        static final Pattern NAME = Pattern.compile("(?i)" + SECRET_NAME);
        static final Pattern ENVIRONMENT_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
        // A reference to a value rather than the value: a variable, an attribute, a type ("password: string").
        static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*"
                + "(?:\\.[A-Za-z_$][A-Za-z0-9_$]*)*");

        private Expressions() {
        }
    }

    private SecretAssignments() {
    }

    /** Adds the value of every secret assignment in {@code text}. */
    static void addValues(List<SecretScanner.Span> spans, String text) {
        Matcher assignment = null;
        for (int at = 0; at < text.length(); at++) {
            char c = text.charAt(at);
            if (c != ':' && c != '=') {
                continue;
            }
            int nameEnd = at;
            while (nameEnd > 0 && isBetweenNameAndOperator(text.charAt(nameEnd - 1))) {
                nameEnd--;
            }
            if (!endsWithSecretName(text, nameEnd)) {
                continue;
            }
            int nameStart = nameEnd;
            while (nameStart > 0 && isNameChar(text.charAt(nameStart - 1))) {
                nameStart--;
            }
            if (nameStart >= 2 && text.startsWith("${", nameStart - 2)) {
                continue;   // ${GITHUB_TOKEN:-}: a shell default, not an assignment
            }
            // Matched from the name, not searched for: a search would try the regex at every position of the text.
            if (assignment == null) {
                assignment = Expressions.ASSIGNMENT.matcher(text).useTransparentBounds(true);
            }
            if (assignment.region(nameStart, text.length()).lookingAt()) {
                addValue(spans, assignment);
            }
        }
    }

    private static void addValue(List<SecretScanner.Span> spans, Matcher assignment) {
        boolean quoted = assignment.group(4) == null;
        int group = assignment.group(2) != null ? 2 : assignment.group(3) != null ? 3 : 4;
        if (isSecretValue(assignment.group(1), assignment.group(group), quoted)) {
            spans.add(new SecretScanner.Span(assignment.start(group), assignment.end(group),
                    SecretKind.SECRET_VALUE));
        }
    }

    private static boolean endsWithSecretName(String text, int end) {
        for (String ending : NAME_ENDINGS) {
            if (end >= ending.length() && text.regionMatches(true, end - ending.length(), ending, 0, ending.length())) {
                return true;
            }
        }
        if (end < KEY.length() || !text.regionMatches(true, end - KEY.length(), KEY, 0, KEY.length())) {
            return false;
        }
        int qualifierEnd = end - KEY.length();
        if (qualifierEnd > 0 && isSeparator(text.charAt(qualifierEnd - 1))) {
            qualifierEnd--;
        }
        for (String qualifier : KEY_QUALIFIERS) {
            if (qualifierEnd >= qualifier.length()
                    && text.regionMatches(true, qualifierEnd - qualifier.length(), qualifier, 0, qualifier.length())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBetweenNameAndOperator(char c) {
        return c == '"' || c == '\'' || c == ' ' || c == '\t';
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || isSeparator(c);
    }

    private static boolean isSeparator(char c) {
        return c == '_' || c == '.' || c == '-';
    }

    /** True when a JSON member of this name holds a secret as its whole string value. */
    static boolean isSecretMember(String name, String value) {
        return Expressions.NAME.matcher(name).matches() && isSecretValue(name, value, true);
    }

    private static boolean isSecretValue(String name, String value, boolean quoted) {
        if (value.isEmpty() || isPlaceholder(value)) {
            return false;
        }
        boolean code = !quoted && (value.indexOf('(') >= 0 || value.indexOf('[') >= 0);
        boolean identifier = !quoted && Expressions.IDENTIFIER.matcher(value).matches();
        if (Expressions.ENVIRONMENT_NAME.matcher(name).matches()) {
            // DB_PASSWORD=hunter: a bare word is how shell and .env files write a literal; os.environ[...] is not one.
            return !code && !(identifier && value.indexOf('.') >= 0);
        }
        if (value.length() < MIN_LITERAL || value.chars().anyMatch(Character::isWhitespace) || code
                || identifier && (value.indexOf('.') >= 0 || value.chars().noneMatch(Character::isDigit))) {
            return false;   // "password: string", "token = self.token", "apiKey: accessKey"
        }
        // "phc_development_key" names a key; a literal one has digits, capitals or symbols.
        return !value.chars().allMatch(c -> c >= 'a' && c <= 'z' || c == '_' || c == '-' || c == '.');
    }

    static boolean isPlaceholder(String value) {
        char first = value.charAt(0);
        if (first == '$' || first == '%' || first == '<' || first == '{' || first == '[' || first == '(') {
            return true;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        // The AWS documentation's keys end in EXAMPLE; documentation everywhere says "example".
        if (lower.contains("example") || NOT_LITERALS.contains(lower)) {
            return true;
        }
        for (String prefix : PLACEHOLDER_PREFIXES) {
            if (lower.startsWith(prefix)) {
                return true;
            }
        }
        return lower.contains("xxxx") || value.contains("***") || value.contains("...")
                || value.chars().allMatch(c -> c == '*' || c == 'x' || c == 'X' || c == '.' || c == '#' || c == '-');
    }

    /**
     * Whether the ':' or '=' at {@code at} in raw JSON text may follow a secret name: the letters before it, past
     * quotes, escaped quotes and blanks, end with one of the names' words. Never false where {@link #addValues} or
     * {@link #isSecretMember} would find a value after that name.
     */
    static boolean mayFollowSecretName(byte[] json, int at) {
        int end = at;
        while (end > 0 && (json[end - 1] == '"' || json[end - 1] == '\'' || json[end - 1] == ' '
                || json[end - 1] == '\t' || json[end - 1] == '\\' || json[end - 1] == 't' && end > 1
                && json[end - 2] == '\\')) {
            end -= json[end - 1] == 't' ? 2 : 1;
        }
        for (String ending : NAME_ENDINGS) {
            if (endsWithIgnoringCase(json, end, ending)) {
                return true;
            }
        }
        if (!endsWithIgnoringCase(json, end, KEY)) {
            return false;
        }
        int qualifierEnd = end - KEY.length();
        if (qualifierEnd > 0 && isSeparator((char) json[qualifierEnd - 1])) {
            qualifierEnd--;
        }
        for (String qualifier : KEY_QUALIFIERS) {
            if (endsWithIgnoringCase(json, qualifierEnd, qualifier)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code json[0, end)} ends with the lowercase ASCII {@code word}, in any case. */
    private static boolean endsWithIgnoringCase(byte[] json, int end, String word) {
        int start = end - word.length();
        if (start < 0) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if ((json[start + i] | 0x20) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
