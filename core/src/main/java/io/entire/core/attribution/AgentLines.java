package io.entire.core.attribution;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The lines an agent wrote into one file in the sessions of one commit's checkpoints, to judge each committed line:
 * the same text is the agent's; text that shares most of its words with a line the agent wrote was edited by a
 * person; anything else is a person's.
 */
final class AgentLines {
    /** Half the words in common: a renamed variable or a changed comment, not a different line. */
    private static final double EDITED_SIMILARITY = 0.5;
    /** Shorter lines ("}", "return nil") say too little to call one an edit of another. */
    private static final int MIN_EDITED_LENGTH = 8;

    private final Map<String, AgentOrigin> exact = new HashMap<>();
    private final List<Candidate> candidates = new ArrayList<>();

    /** The lines of the writes into this repository-relative path. */
    static AgentLines of(List<AgentWrite> writes, String path) {
        AgentLines lines = new AgentLines();
        for (AgentWrite write : writes) {
            if (write.write().isFor(path)) {
                lines.add(write.write().content(), write.origin());
            }
        }
        return lines;
    }

    /** Records the text of one write; a later write of the same line wins, as it is the one the file kept. */
    private void add(String content, AgentOrigin origin) {
        for (String line : content.split("\n", -1)) {
            exact.put(line, origin);
            String trimmed = line.strip();
            if (trimmed.length() >= MIN_EDITED_LENGTH) {
                candidates.add(new Candidate(words(trimmed), origin));
            }
        }
    }

    Optional<Judgement> judge(String line) {
        AgentOrigin same = exact.get(line);
        if (same != null) {
            return Optional.of(new Judgement(LineAuthor.AGENT, same));
        }
        String trimmed = line.strip();
        if (candidates.isEmpty() || trimmed.length() < MIN_EDITED_LENGTH) {
            return Optional.empty();
        }
        Set<String> words = words(trimmed);
        Candidate best = null;
        double bestSimilarity = 0;
        for (Candidate candidate : candidates) {
            double similarity = similarity(words, candidate.words());
            if (similarity > bestSimilarity) {
                bestSimilarity = similarity;
                best = candidate;
            }
        }
        return best != null && bestSimilarity >= EDITED_SIMILARITY
                ? Optional.of(new Judgement(LineAuthor.HUMAN_EDITED, best.origin())) : Optional.empty();
    }

    /**
     * Words and the punctuation between them, so that {@code a, b} and {@code a; b} differ: each run of word
     * characters ({@code [A-Za-z0-9_]}) and each other character but white space. A scan, not a regular expression:
     * a commit judges thousands of lines, often in a JVM that runs this code before compiling it.
     */
    static Set<String> words(String line) {
        Set<String> words = new HashSet<>();
        int length = line.length();
        int at = 0;
        while (at < length) {
            int codePoint = line.codePointAt(at);
            int end = at + Character.charCount(codePoint);
            if (isWordCharacter(codePoint)) {
                while (end < length && isWordCharacter(line.charAt(end))) {
                    end++;
                }
                words.add(line.substring(at, end));
            } else if (!Character.isWhitespace(codePoint)) {
                words.add(line.substring(at, end));
            }
            at = end;
        }
        return words;
    }

    private static boolean isWordCharacter(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }

    /** Jaccard similarity: the words both have over the words either has. */
    private static double similarity(Set<String> left, Set<String> right) {
        int common = 0;
        for (String word : left) {
            if (right.contains(word)) {
                common++;
            }
        }
        int union = left.size() + right.size() - common;
        return union == 0 ? 0 : (double) common / union;
    }

    record Judgement(LineAuthor author, AgentOrigin origin) {
    }

    private record Candidate(Set<String> words, AgentOrigin origin) {
    }
}
