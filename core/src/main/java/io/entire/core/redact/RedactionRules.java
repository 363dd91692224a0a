package io.entire.core.redact;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A project's additions to redaction, from its settings: {@code allow} matches text that is never redacted (the whole
 * of what would be replaced), {@code patterns} match more secrets. Both are applied to each string on its own, so
 * the same text is always redacted the same way.
 */
public record RedactionRules(List<Pattern> allow, List<Pattern> patterns) {
    public static final RedactionRules NONE = new RedactionRules(List.of(), List.of());

    public RedactionRules {
        allow = List.copyOf(allow);
        patterns = List.copyOf(patterns);
    }

    /** Whether {@code text}, which would be replaced, is allowed as it is. */
    public boolean allows(String text) {
        for (Pattern allowed : allow) {
            if (allowed.matcher(text).matches()) {
                return true;
            }
        }
        return false;
    }

    boolean hasPatterns() {
        return !patterns.isEmpty();
    }

    /** The scanner's spans with allowed text taken out and the custom patterns' matches added, unmerged. */
    List<SecretScanner.Span> apply(String text, List<SecretScanner.Span> found) {
        if (allow.isEmpty() && patterns.isEmpty()) {
            return found;
        }
        List<SecretScanner.Span> spans = new ArrayList<>(found.size());
        for (SecretScanner.Span span : found) {
            if (!allows(text.substring(span.start(), span.end()))) {
                spans.add(span);
            }
        }
        for (Pattern pattern : patterns) {
            Matcher matcher = requireNonNull(pattern, "pattern is null").matcher(text);
            while (matcher.find()) {
                if (matcher.end() > matcher.start() && !allows(matcher.group())) {
                    spans.add(new SecretScanner.Span(matcher.start(), matcher.end(), SecretKind.PROJECT_PATTERN));
                }
            }
        }
        return spans;
    }
}
