package io.entire.core.settings;

import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code redaction}: text never redacted ({@code allow}: literals quoted, {@code /patterns/} as written) and extra
 * secret patterns ({@code patterns}), each compiled once when the settings are read.
 */
public record RedactionSettings(List<Pattern> allow, List<Pattern> patterns) {
    public static final RedactionSettings NONE = new RedactionSettings(List.of(), List.of());

    public RedactionSettings {
        allow = List.copyOf(allow);
        patterns = List.copyOf(patterns);
    }
}
