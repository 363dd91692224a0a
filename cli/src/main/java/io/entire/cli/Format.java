package io.entire.cli;

import io.entire.core.model.TokenUsage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** Short human renderings shared by the commands' text output. */
final class Format {
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);

    private Format() {
    }

    static String tokens(TokenUsage usage) {
        return usage.inputTokens() + " in, " + usage.outputTokens() + " out, " + usage.cacheReadTokens()
                + " cache read, " + usage.cacheCreationTokens() + " cache write, " + usage.apiCallCount()
                + " API calls";
    }

    static String time(Optional<Instant> time) {
        return time.map(MINUTES::format).map(text -> text + "Z").orElse("-");
    }

    /** One line, at most {@code width} characters, ellipsis when cut. */
    static String oneLine(String text, int width) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= width ? line : line.substring(0, width - 1) + "…";
    }
}
