package io.entire.core.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AgentLinesTest {
    /** The definition the scan replaced: split at every edge of a non-word character, blanks dropped. */
    private static final Pattern WORD_EDGES = Pattern.compile("(?<=\\W)|(?=\\W)");

    @Test
    void wordsAreRunsOfWordCharactersAndEachOtherCharacterButWhiteSpace() {
        assertThat(AgentLines.words("if (a, b) { return a_1; }"))
                .containsExactlyInAnyOrder("if", "(", "a", ",", "b", ")", "{", "return", "a_1", ";", "}");
        assertThat(AgentLines.words("a,b")).isNotEqualTo(AgentLines.words("a;b"));
        assertThat(AgentLines.words("naïve café\tx")).containsExactlyInAnyOrder("na", "ï", "ve", "caf", "é", "x");
        assertThat(AgentLines.words("")).isEmpty();
        assertThat(AgentLines.words(" \t ")).isEmpty();
    }

    @Test
    void wordsAreThoseTheRegularExpressionSplitGaveForEveryLineOfTheSources() throws IOException {
        List<String> lines;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            lines = files.filter(file -> file.toString().endsWith(".java")).flatMap(file -> {
                try {
                    return Files.readAllLines(file).stream();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(String::strip).toList();
        }
        assertThat(lines).hasSizeGreaterThan(10_000);
        for (String line : lines) {
            assertThat(AgentLines.words(line)).as(line).isEqualTo(byRegularExpression(line));
        }
    }

    private static Set<String> byRegularExpression(String line) {
        Set<String> words = new HashSet<>();
        for (String word : WORD_EDGES.split(line)) {
            if (!word.isBlank()) {
                words.add(word);
            }
        }
        return words;
    }
}
