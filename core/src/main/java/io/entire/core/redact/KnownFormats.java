package io.entire.core.redact;

import io.entire.core.redact.SecretScanner.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Secrets of a recognizable format: vendors' tokens, passwords in URLs and assignments, and private key blocks. */
final class KnownFormats {
    // The literals one of which every token of a format contains, so that most texts skip its expression.
    private static final List<String> AWS_KEY_ID_LITERALS = List.of("AKIA", "ASIA", "ABIA", "ACCA");
    private static final List<String> GITHUB_LITERALS = List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_");
    private static final List<String> GITLAB_LITERALS = List.of("glpat-");
    private static final List<String> SLACK_LITERALS = List.of("xox", "xapp-");
    private static final List<String> SLACK_WEBHOOK_LITERALS = List.of("hooks.slack.com");
    private static final List<String> STRIPE_LITERALS = List.of("sk_live_", "rk_live_", "sk_test_", "rk_test_");
    private static final List<String> GOOGLE_LITERALS = List.of("AIza");
    private static final List<String> SUPABASE_LITERALS = List.of("sb_secret_", "sbp_");
    private static final List<String> NPM_LITERALS = List.of("npm_");
    private static final List<String> PYPI_LITERALS = List.of("pypi-");
    private static final List<String> SENDGRID_LITERALS = List.of("SG.");
    private static final List<String> JWT_LITERALS = List.of("eyJ");
    private static final List<List<String>> TOKEN_LITERALS = List.of(AWS_KEY_ID_LITERALS, GITHUB_LITERALS,
            GITLAB_LITERALS, SLACK_LITERALS, SLACK_WEBHOOK_LITERALS, STRIPE_LITERALS, GOOGLE_LITERALS,
            SUPABASE_LITERALS, NPM_LITERALS, PYPI_LITERALS, SENDGRID_LITERALS, JWT_LITERALS);
    private static final int MAX_SCHEME = 32;
    private static final String OPENAI_OR_ANTHROPIC_PREFIX = "sk-";
    private static final List<String> BEARER_WORDS = List.of("Bearer", "bearer", "BEARER");

    /** The expressions, compiled the first time a text is searched: a hook that redacts nothing compiles none. */
    private static final class Expressions {
        static final Pattern AWS_KEY_ID = Pattern.compile("(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}"
                + "(?![A-Za-z0-9])");
        static final Pattern AWS_SECRET = Pattern.compile("(?i)(?:aws_?secret_?(?:access_?)?key|"
                + "secret_?access_?key)[\"']?\\s*[:=]\\s*[\"']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])");
        static final Pattern GITHUB = Pattern.compile("(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,255}|"
                + "github_pat_[A-Za-z0-9_]{22,255})");
        static final Pattern GITLAB = Pattern.compile("(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20,}");
        static final Pattern SLACK = Pattern.compile("(?<![A-Za-z0-9])(?:xox[abposre]|xapp)-[A-Za-z0-9-]{10,}");
        static final Pattern SLACK_WEBHOOK = Pattern.compile("hooks\\.slack\\.com/(?:services|workflows)/"
                + "([A-Za-z0-9_/-]{20,})");
        static final Pattern STRIPE = Pattern.compile("(?<![A-Za-z0-9])[sr]k_(?:live|test)_[A-Za-z0-9]{20,}");
        static final Pattern GOOGLE = Pattern.compile("(?<![A-Za-z0-9_-])AIza[A-Za-z0-9_-]{35}");
        static final Pattern SUPABASE = Pattern.compile("(?<![A-Za-z0-9_])(?:sb_secret_[A-Za-z0-9_-]{20,}|"
                + "sbp_[a-f0-9]{40})");
        static final Pattern NPM = Pattern.compile("(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])");
        static final Pattern PYPI = Pattern.compile("pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}");
        static final Pattern TWILIO = Pattern.compile("(?<![A-Za-z0-9+_-])SK[0-9a-fA-F]{32}(?![A-Za-z0-9+_-])");
        static final Pattern SENDGRID = Pattern.compile("SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}");
        static final Pattern JWT = Pattern.compile("(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}"
                + "\\.[A-Za-z0-9_-]*");
        static final Pattern OPENAI_OR_ANTHROPIC = Pattern.compile("(?<![A-Za-z0-9_-])sk-[A-Za-z0-9_-]{20,}");
        // RFC 6750 token characters: '.', '~' and '/' too.
        static final Pattern BEARER = Pattern.compile("(?i)(?<![A-Za-z0-9])bearer\\s+([A-Za-z0-9._~+/-]{12,}=*)");
        static final Pattern URL_PASSWORD = Pattern.compile("(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,31}://"
                + "[^\\s/?#@\"'<>:]*:([^\\s/?#@\"'<>]+)@");
        static final List<TokenFormat> TOKENS = List.of(
                new TokenFormat(AWS_KEY_ID, 0, AWS_KEY_ID_LITERALS, SecretKind.AWS_ACCESS_KEY_ID),
                new TokenFormat(GITHUB, 0, GITHUB_LITERALS, SecretKind.GITHUB_TOKEN),
                new TokenFormat(GITLAB, 0, GITLAB_LITERALS, SecretKind.GITLAB_TOKEN),
                new TokenFormat(SLACK, 0, SLACK_LITERALS, SecretKind.SLACK_TOKEN),
                new TokenFormat(SLACK_WEBHOOK, 1, SLACK_WEBHOOK_LITERALS, SecretKind.SLACK_WEBHOOK),
                new TokenFormat(STRIPE, 0, STRIPE_LITERALS, SecretKind.STRIPE_KEY),
                new TokenFormat(GOOGLE, 0, GOOGLE_LITERALS, SecretKind.GOOGLE_API_KEY),
                new TokenFormat(SUPABASE, 0, SUPABASE_LITERALS, SecretKind.SUPABASE_KEY),
                new TokenFormat(NPM, 0, NPM_LITERALS, SecretKind.NPM_TOKEN),
                new TokenFormat(PYPI, 0, PYPI_LITERALS, SecretKind.PYPI_TOKEN),
                new TokenFormat(SENDGRID, 0, SENDGRID_LITERALS, SecretKind.SENDGRID_KEY),
                new TokenFormat(JWT, 0, JWT_LITERALS, SecretKind.JWT));

        private Expressions() {
        }
    }

    private KnownFormats() {
    }

    /** The literals one of which every token of a known format contains. */
    static List<String> literals() {
        List<String> literals = new ArrayList<>(BEARER_WORDS);
        literals.add(OPENAI_OR_ANTHROPIC_PREFIX);
        for (List<String> formatLiterals : TOKEN_LITERALS) {
            literals.addAll(formatLiterals);
        }
        return literals;
    }

    /** The secrets of a known format in {@code text}, in no particular order. */
    static List<Span> find(String text) {
        List<Span> spans = new ArrayList<>();
        for (TokenFormat format : Expressions.TOKENS) {
            format.addMatches(spans, text);
        }
        if (text.contains("SK")) {
            addMatches(spans, Expressions.TWILIO.matcher(text), SecretKind.TWILIO_KEY);
        }
        if (text.contains(OPENAI_OR_ANTHROPIC_PREFIX)) {
            addOpenAiOrAnthropicKeys(spans, text);
        }
        if (containsAny(text, BEARER_WORDS)) {
            addBearerTokens(spans, text);
        }
        if (text.contains("ecret") || text.contains("ECRET")) {
            Matcher aws = Expressions.AWS_SECRET.matcher(text);
            while (aws.find()) {
                if (!SecretAssignments.isPlaceholder(aws.group(1))) {
                    spans.add(new Span(aws.start(1), aws.end(1), SecretKind.AWS_SECRET_KEY));
                }
            }
        }
        addUrlPasswords(spans, text);
        SecretAssignments.addValues(spans, text);
        addPrivateKeys(spans, text);
        return spans;
    }

    private static void addOpenAiOrAnthropicKeys(List<Span> spans, String text) {
        Matcher sk = Expressions.OPENAI_OR_ANTHROPIC.matcher(text);
        while (sk.find()) {
            // "sk-" also starts ordinary words ("sk-learn-compatible"); real keys mix all character classes.
            if (hasMixedClasses(text, sk.start() + 3, sk.end())) {
                spans.add(new Span(sk.start(), sk.end(), SecretKind.OPENAI_OR_ANTHROPIC_KEY));
            }
        }
    }

    private static void addBearerTokens(List<Span> spans, String text) {
        Matcher bearer = Expressions.BEARER.matcher(text);
        while (bearer.find()) {
            String token = bearer.group(1);
            // "Bearer authentication", "Bearer YOUR_TOKEN": a token has digits or both cases.
            boolean bothCases = token.chars().anyMatch(Character::isUpperCase)
                    && token.chars().anyMatch(Character::isLowerCase);
            if (!SecretAssignments.isPlaceholder(token) && (bothCases || token.chars().anyMatch(Character::isDigit))) {
                spans.add(new Span(bearer.start(1), bearer.end(1), SecretKind.BEARER_TOKEN));
            }
        }
    }

    /** Passwords in URLs, matched from each "://" (a search from every position would cost a scan per position). */
    private static void addUrlPasswords(List<Span> spans, String text) {
        int separator = text.indexOf("://");
        if (separator < 0 || text.indexOf('@', separator) < 0) {
            return;
        }
        Matcher url = Expressions.URL_PASSWORD.matcher(text).useTransparentBounds(true);
        while (separator >= 0) {
            int schemeStart = separator;
            while (schemeStart > 0 && separator - schemeStart <= MAX_SCHEME
                    && isSchemeChar(text.charAt(schemeStart - 1))) {
                schemeStart--;
            }
            if (url.region(schemeStart, text.length()).lookingAt() && !SecretAssignments.isPlaceholder(url.group(1))) {
                spans.add(new Span(url.start(1), url.end(1), SecretKind.URL_PASSWORD));
            }
            separator = text.indexOf("://", separator + 3);
        }
    }

    private static boolean isSchemeChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '.' || c == '-';
    }

    /** A token format and the literals one of which any match contains, so most texts skip the regex. */
    private record TokenFormat(Pattern pattern, int group, List<String> literals, SecretKind kind) {
        void addMatches(List<Span> spans, String text) {
            if (!containsAny(text, literals)) {
                return;
            }
            Matcher token = pattern.matcher(text);
            while (token.find()) {
                if (!token.group().endsWith("EXAMPLE")) {     // AKIAIOSFODNN7EXAMPLE, from AWS's documentation
                    spans.add(new Span(token.start(group), token.end(group), kind));
                }
            }
        }
    }

    private static void addMatches(List<Span> spans, Matcher matcher, SecretKind kind) {
        while (matcher.find()) {
            spans.add(new Span(matcher.start(), matcher.end(), kind));
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
            spans.add(new Span(begin, stop, SecretKind.PRIVATE_KEY));
            begin = text.indexOf("-----BEGIN", stop);
        }
    }

    static boolean hasMixedClasses(String text, int start, int end) {
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

    private static boolean containsAny(String text, List<String> needles) {
        for (String needle : needles) {
            if (text.contains(needle)) {
                return true;
            }
        }
        return false;
    }
}
