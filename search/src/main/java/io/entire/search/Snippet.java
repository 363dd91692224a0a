package io.entire.search;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** An excerpt of a matching message, whitespace folded, with the character ranges that matched the query. */
public record Snippet(String text, List<Match> matches) {
    public Snippet {
        requireNonNull(text, "text is null");
        matches = List.copyOf(matches);
        for (Match match : matches) {
            if (match.end() > text.length()) {
                throw new IllegalArgumentException("match " + match + " lies outside a snippet of " + text.length());
            }
        }
    }

    /** Characters {@code start} (inclusive) to {@code end} (exclusive) of the snippet matched. */
    public record Match(int start, int end) {
        public Match {
            if (start < 0 || end <= start) {
                throw new IllegalArgumentException("bad match range " + start + ".." + end);
            }
        }
    }
}
