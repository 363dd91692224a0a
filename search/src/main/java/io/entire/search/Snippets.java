package io.entire.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.TermToBytesRefAttribute;

/**
 * Cuts the part of a message that shows why it matched: the window of {@link #WIDTH} characters holding the most
 * words the query looks for, whitespace folded, with those words' ranges. Words are found by analyzing the text as
 * the index did, so "redacting" is marked for a query of "redaction".
 */
final class Snippets {
    static final int WIDTH = 200;
    private static final int CONTEXT_BEFORE = 40;
    private static final String ELLIPSIS = "…";

    private final Analyzer analyzer;
    private final QueryTerms terms;

    Snippets(Analyzer analyzer, QueryTerms terms) {
        this.analyzer = analyzer;
        this.terms = terms;
    }

    Snippet of(String text) {
        List<int[]> matches = matches(text);
        int start = windowStart(text, matches);
        int end = Math.min(text.length(), start + WIDTH);
        StringBuilder snippet = new StringBuilder(WIDTH + 2);
        if (start > 0) {
            snippet.append(ELLIPSIS);
        }
        int[] position = new int[end - start + 1];
        boolean space = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                space = snippet.length() > (start > 0 ? ELLIPSIS.length() : 0);
            } else {
                if (space) {
                    snippet.append(' ');
                    space = false;
                }
                position[i - start] = snippet.length();
                snippet.append(c);
            }
            position[i - start + 1] = snippet.length();
        }
        List<Snippet.Match> ranges = new ArrayList<>();
        for (int[] match : matches) {
            if (match[0] >= start && match[1] <= end) {
                ranges.add(new Snippet.Match(position[match[0] - start], position[match[1] - start]));
            }
        }
        if (end < text.length()) {
            snippet.append(ELLIPSIS);
        }
        return new Snippet(snippet.toString(), ranges);
    }

    /** Starts a little before the match that begins the densest window, at a word's start. */
    private static int windowStart(String text, List<int[]> matches) {
        if (matches.isEmpty()) {
            return 0;
        }
        int best = 0;
        int bestCount = 0;
        for (int i = 0, j = 0; i < matches.size(); i++) {
            while (j < matches.size() && matches.get(j)[1] <= matches.get(i)[0] + WIDTH - CONTEXT_BEFORE) {
                j++;
            }
            if (j - i > bestCount) {
                bestCount = j - i;
                best = i;
            }
        }
        int start = Math.max(0, Math.min(matches.get(best)[0] - CONTEXT_BEFORE, text.length() - WIDTH));
        while (start > 0 && start < matches.get(best)[0] && !Character.isWhitespace(text.charAt(start - 1))) {
            start++;
        }
        return start;
    }

    /** The character ranges of the text's words the query looks for, in order. */
    private List<int[]> matches(String text) {
        List<int[]> matches = new ArrayList<>();
        try (TokenStream tokens = analyzer.tokenStream(IndexFields.TEXT, text)) {
            OffsetAttribute offsets = tokens.addAttribute(OffsetAttribute.class);
            TermToBytesRefAttribute term = tokens.addAttribute(TermToBytesRefAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                if (terms.matches(term.getBytesRef()) && offsets.endOffset() > offsets.startOffset()) {
                    matches.add(new int[] {offsets.startOffset(), offsets.endOffset()});
                }
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analyzing a stored message", e);   // reading a String cannot fail
        }
        return matches;
    }
}
