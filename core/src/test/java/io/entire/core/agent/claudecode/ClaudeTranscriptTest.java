package io.entire.core.agent.claudecode;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.agent.TranscriptAnalysis;
import io.entire.core.agent.TranscriptPosition;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonValue;
import io.entire.core.model.TokenUsage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ClaudeTranscriptTest {
    @TempDir
    Path temp;

    @Test
    void analyzesStringsContainsFixture() {
        TranscriptAnalysis analysis = ClaudeTranscript.analyze(Fixtures.STRINGS_CONTAINS, 0,
                Fixtures.STRINGS_CONTAINS_REPO);

        assertThat(analysis.prompts()).containsExactly("Replace the custom string contains implementation with the"
                + " standard library's strings.Contains function. The contains and containsSubstring functions are"
                + " unnecessarily complex reimplementations of functionality that already exists in the standard"
                + " library. Import strings and use strings.Contains(msg, \"unknown field\") directly.");
        assertThat(analysis.turnCount()).isEqualTo(1);
        assertThat(analysis.filesTouched()).containsExactly("cmd/entire/cli/settings/settings_test.go");
        // Computed independently with python: assistant lines grouped by message.id, per id the line with the
        // highest usage.output_tokens (first on ties), then summed.
        assertThat(analysis.tokenUsage()).isEqualTo(new TokenUsage(12, 29103, 248449, 329, 10));
        assertThat(analysis.model()).isEqualTo("claude-opus-4-6");
        assertThat(analysis.lineCount()).isEqualTo(38);
        assertThat(analysis.skippedLines()).isZero();
        assertThat(analysis.firstTimestamp()).contains("2026-02-06T05:12:40.799Z");
        assertThat(analysis.lastTimestamp()).contains("2026-02-06T05:13:42.209Z");
        assertThat(analysis.sessionIdInTranscript()).contains("75c838dd-10e3-40cf-8df3-17f9955149f8");
    }

    @Test
    void analyzesLintFixtureAndSkipsInjectedPrompts() {
        TranscriptAnalysis analysis = ClaudeTranscript.analyze(Fixtures.LINT_DIRECTIVES, 0,
                Fixtures.LINT_DIRECTIVES_REPO);

        // The caveat (isMeta), "/clear" (<command-name>) and its empty <local-command-stdout> are not prompts.
        assertThat(analysis.prompts()).containsExactly("mise run lint throws issues.  However, i want the parameters"
                + " that are being complained about retained.  Mark them ignored with inline linter directive"
                + " comments.");
        assertThat(analysis.filesTouched()).containsExactly("cmd/entire/cli/strategy/messages.go");
        // Same python computation as above.
        assertThat(analysis.tokenUsage()).isEqualTo(new TokenUsage(7, 13211, 136049, 805, 5));
        assertThat(analysis.model()).isEqualTo("claude-opus-4-6");
        assertThat(analysis.lineCount()).isEqualTo(34);
        assertThat(analysis.sessionIdInTranscript()).contains("9d440bfc-a64f-43be-aa10-10a3764a59ea");
    }

    @Test
    void filesWrittenListsWhatTheFullAnalysisListsFromEveryStartLine() {
        for (Path transcript : List.of(Fixtures.STRINGS_CONTAINS, Fixtures.LINT_DIRECTIVES)) {
            Path repo = transcript.equals(Fixtures.STRINGS_CONTAINS) ? Fixtures.STRINGS_CONTAINS_REPO
                    : Fixtures.LINT_DIRECTIVES_REPO;
            List<String> all = ClaudeTranscript.filesWritten(transcript, 0, repo);
            assertThat(all).as("%s names files", transcript).isNotEmpty();
            for (long start = 0; start <= 40; start++) {
                assertThat(ClaudeTranscript.filesWritten(transcript, start, repo)).as("%s from line %d", transcript,
                        start).isEqualTo(ClaudeTranscript.analyze(transcript, start, repo).filesTouched());
            }
        }
    }

    @Test
    void dropsFilesOutsideTheRepository() {
        TranscriptAnalysis analysis = ClaudeTranscript.analyze(Fixtures.STRINGS_CONTAINS, 0, Path.of("/elsewhere"));

        assertThat(analysis.filesTouched()).isEmpty();
        assertThat(analysis.prompts()).hasSize(1);
    }

    @Test
    void startLineSkipsEarlierLinesButCountsThem() {
        // Line 24 (1-based 25) holds the Edit; line 3 (1-based 4) the only prompt.
        TranscriptAnalysis analysis = ClaudeTranscript.analyze(Fixtures.STRINGS_CONTAINS, 10,
                Fixtures.STRINGS_CONTAINS_REPO);

        assertThat(analysis.prompts()).isEmpty();
        assertThat(analysis.turnCount()).isZero();
        assertThat(analysis.filesTouched()).containsExactly("cmd/entire/cli/settings/settings_test.go");
        assertThat(analysis.lineCount()).isEqualTo(38);
        assertThat(analysis.tokenUsage().apiCallCount()).isEqualTo(8);
    }

    @Test
    void startLinePastTheEndGivesNothingButTheLineCount() {
        TranscriptAnalysis analysis = ClaudeTranscript.analyze(Fixtures.STRINGS_CONTAINS, 1000,
                Fixtures.STRINGS_CONTAINS_REPO);

        assertThat(analysis.lineCount()).isEqualTo(38);
        assertThat(analysis.tokenUsage()).isEqualTo(TokenUsage.ZERO);
        assertThat(analysis.firstTimestamp()).isEmpty();
    }

    @Test
    void emptyFileGivesEmptyAnalysis() throws IOException {
        Path empty = Files.writeString(temp.resolve("empty.jsonl"), "");

        TranscriptAnalysis analysis = ClaudeTranscript.analyze(empty, 0, temp);

        assertThat(analysis)
                .isEqualTo(TranscriptAnalysis.empty(new TranscriptPosition(TranscriptPosition.Unit.LINE, 0)));
    }

    @Test
    void readingOnlyWhatItUsesAnalyzesAsWholeLinesDo() throws IOException {
        // Members the analysis never reads are skipped, not built; a line broken there is still skipped and counted.
        Path crafted = Files.writeString(temp.resolve("crafted.jsonl"), String.join("\n",
                "{\"type\":\"user\",\"timestamp\":\"t1\",\"sessionId\":\"s\",\"message\":{\"content\":\"fix it\"}}",
                "{\"type\":\"user\",\"toolUseResult\":{\"stdout\":\"bad \\q escape\"},\"message\":{\"content\":\"lost\"}}",
                "{\"type\":\"user\",\"message\":{\"content\":[{\"type\":\"tool_result\",\"content\":[{\"type\":"
                        + "\"text\",\"text\":\"nested\"}]}]},\"timestamp\":\"t2\"}",
                "{\"type\":\"assistant\",\"message\":{\"id\":\"m\",\"model\":\"claude\",\"usage\":{\"input_tokens\":3,"
                        + "\"output_tokens\":5},\"content\":[{\"type\":\"tool_use\",\"name\":\"Write\",\"input\":"
                        + "{\"file_path\":\"" + temp.resolve("a.go") + "\",\"content\":\"x\\u00e9\"}}]}}",
                "{\"type\":\"progress\",\"data\":{\"tab\":\"\t\"},\"timestamp\":\"t3\"}",
                "{\"type\":\"user\",\"message\":{\"content\":\"after\"},\"timestamp\":\"t4\"}"));
        for (Path transcript : List.of(Fixtures.STRINGS_CONTAINS, Fixtures.LINT_DIRECTIVES, crafted)) {
            Path workTree = transcript.equals(crafted) ? temp : transcript.equals(Fixtures.STRINGS_CONTAINS)
                    ? Fixtures.STRINGS_CONTAINS_REPO : Fixtures.LINT_DIRECTIVES_REPO;
            ClaudeTranscript.Analyzer whole = new ClaudeTranscript.Analyzer(workTree);
            List<String> lines = Files.readAllLines(transcript, UTF_8);
            JsonReader reader = new JsonReader();
            for (int i = 0; i < lines.size(); i++) {
                byte[] line = lines.get(i).getBytes(UTF_8);
                if (!lines.get(i).isBlank()) {
                    Optional<JsonValue> parsed = reader.findValue(line, 0, line.length);
                    if (parsed.isPresent()) {
                        whole.accept(parsed.get(), i + 1);
                    } else {
                        whole.skip();
                    }
                }
            }

            assertThat(ClaudeTranscript.analyze(transcript, 0, workTree)).as(transcript.toString())
                    .isEqualTo(whole.result(lines.size()));
        }
        TranscriptAnalysis craftedAnalysis = ClaudeTranscript.analyze(crafted, 0, temp);
        assertThat(craftedAnalysis.skippedLines()).isEqualTo(2);
        assertThat(craftedAnalysis.prompts()).containsExactly("fix it", "after");
        assertThat(craftedAnalysis.filesTouched()).containsExactly("a.go");
        assertThat(craftedAnalysis.lastTimestamp()).contains("t4");
    }

    @Test
    void brokenLinesAreSkippedAndCountedBlankLinesAreNot() {
        String transcript = String.join("\n",
                "{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"first\"}}",
                "{\"type\":\"user\",\"message\":",
                "",
                "   ",
                "not json at all",
                "[1,2,3]",
                "{\"a\":1} trailing",
                "{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"second\"}}");

        TranscriptAnalysis analysis = analyze(transcript, temp);

        assertThat(analysis.prompts()).containsExactly("first", "second");
        assertThat(analysis.skippedLines()).isEqualTo(4);
        assertThat(analysis.lineCount()).isEqualTo(8);
    }

    @Test
    void trailingNewlineDoesNotAddALine() {
        assertThat(analyze("{}\n{}\n", temp).lineCount()).isEqualTo(2);
        assertThat(analyze("{}\n{}", temp).lineCount()).isEqualTo(2);
        assertThat(analyze("{}\n\n", temp).lineCount()).isEqualTo(2);
    }

    @Test
    void promptsComeFromTextBlocksNotToolResults() {
        String transcript = String.join("\n",
                "{\"type\":\"user\",\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"look at this\"},"
                        + "{\"type\":\"image\",\"source\":{}},{\"type\":\"text\",\"text\":\"and fix it\"}]}}",
                "{\"type\":\"user\",\"message\":{\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t\","
                        + "\"content\":\"output\"}]}}",
                "{\"type\":\"user\",\"isMeta\":true,\"message\":{\"content\":\"meta\"}}",
                "{\"type\":\"user\",\"message\":{\"content\":\"<system-reminder>x</system-reminder>\"}}",
                "{\"type\":\"user\",\"message\":{\"content\":[{\"type\":\"text\","
                        + "\"text\":\"[Request interrupted by user for tool use]\"}]}}");

        TranscriptAnalysis analysis = analyze(transcript, temp);

        assertThat(analysis.prompts()).containsExactly("look at this\n\nand fix it");
        assertThat(analysis.turnCount()).isEqualTo(1);
    }

    @Test
    void filesTouchedAreRelativeSortedAndDeduplicated() throws IOException {
        Path repo = Files.createDirectories(temp.resolve("repo"));
        Path link = Files.createSymbolicLink(temp.resolve("link"), repo);
        String transcript = String.join("\n",
                toolUse("Write", "file_path", repo.resolve("b/z.txt").toString()),
                toolUse("Edit", "file_path", repo.resolve("a.txt").toString()),
                toolUse("MultiEdit", "file_path", repo.resolve("b/z.txt").toString()),
                toolUse("NotebookEdit", "notebook_path", repo.resolve("n.ipynb").toString()),
                toolUse("Read", "file_path", repo.resolve("read-only.txt").toString()),
                toolUse("Write", "file_path", "/outside/repo.txt"),
                toolUse("Write", "file_path", "relative/path.txt"),
                toolUse("Write", "file_path", "../escape.txt"),
                toolUse("Edit", "file_path", repo.resolve("c/../c.txt").toString()));

        TranscriptAnalysis viaLink = analyze(transcript, link);

        assertThat(viaLink.filesTouched()).containsExactly("a.txt", "b/z.txt", "c.txt", "n.ipynb",
                "relative/path.txt");
    }

    @Test
    void streamedLinesOfOneMessageCountOnce() {
        String transcript = String.join("\n",
                assistant("m1", "model-a", 10, 1, 100, 5),
                assistant("m1", "model-a", 10, 1, 100, 50),
                assistant("m1", "model-a", 10, 1, 100, 7),
                assistant("m2", "model-b", 3, 0, 200, 9),
                assistant("m2", "", 3, 0, 200, 2));

        TranscriptAnalysis analysis = analyze(transcript, temp);

        assertThat(analysis.tokenUsage()).isEqualTo(new TokenUsage(13, 1, 300, 59, 2));
        assertThat(analysis.model()).isEqualTo("model-b");
    }

    @Test
    void countsNoRealUsageCanHaveCountZeroAndTotalsNeverWrapRound() {
        String transcript = String.join("\n",
                assistant("m1", "model-a", 10, 1, 100, 5),
                assistant("m2", "model-a", 10, 1, 100, 5).replace("\"input_tokens\":10", "\"input_tokens\":1e400"),
                assistant("m3", "model-a", 10, 1, 100, 5).replace("\"input_tokens\":10", "\"input_tokens\":1e400"),
                assistant("m4", "model-a", -10, 1, 100, 5),
                assistant("m5", "model-a", 9007199254740992L, 1, 100, 5),
                assistant("m6", "model-a", 9007199254740991L, 1, 100, 5).replace("\"output_tokens\":5",
                        "\"output_tokens\":\"5\""));

        TranscriptAnalysis analysis = analyze(transcript, temp);

        assertThat(analysis.tokenUsage()).isEqualTo(new TokenUsage(9007199254741001L, 6, 600, 25, 6));
    }

    static Stream<Long> seeds() {
        return LongStream.rangeClosed(1, 20).boxed();
    }

    /** Any line order, any corruption: skipped lines are counted, the rest is analyzed, nothing throws. */
    @ParameterizedTest
    @MethodSource("seeds")
    void randomCorruptionIsCountedNotFatal(long seed) throws IOException {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>(Files.readAllLines(Fixtures.STRINGS_CONTAINS, UTF_8));
        int corrupted = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (random.nextInt(4) == 0) {
                String line = lines.get(i);
                lines.set(i, line.substring(0, random.nextInt(line.length() - 1)));
                corrupted++;
            }
        }

        TranscriptAnalysis analysis = analyze(String.join("\n", lines), Fixtures.STRINGS_CONTAINS_REPO);

        assertThat(analysis.skippedLines()).isEqualTo(corrupted);
        assertThat(analysis.lineCount()).isEqualTo(lines.size());
        assertThat(analysis.tokenUsage().apiCallCount()).isBetween(0L, 10L);
    }

    @Test
    void handlesLinesLongerThanTheReadBuffer() {
        String big = "x".repeat(300_000);
        String transcript = IntStream.range(0, 3)
                .mapToObj(i -> "{\"type\":\"user\",\"message\":{\"content\":\"" + i + big + "\"}}")
                .reduce((a, b) -> a + "\n" + b).orElseThrow();

        TranscriptAnalysis analysis = analyze(transcript, temp);

        assertThat(analysis.prompts()).hasSize(3).allSatisfy(prompt -> assertThat(prompt).hasSize(300_001));
    }

    private static TranscriptAnalysis analyze(String transcript, Path repoRoot) {
        return ClaudeTranscript.analyze(new ByteArrayInputStream(transcript.getBytes(UTF_8)), 0, repoRoot);
    }

    private static String toolUse(String tool, String key, String path) {
        return "{\"type\":\"assistant\",\"message\":{\"id\":\"msg\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t\","
                + "\"name\":\"" + tool + "\",\"input\":{\"" + key + "\":\"" + path + "\"}}]}}";
    }

    private static String assistant(String id, String model, long input, long cacheCreation, long cacheRead,
            long output) {
        return "{\"type\":\"assistant\",\"message\":{\"id\":\"" + id + "\",\"model\":\"" + model + "\",\"content\":[],"
                + "\"usage\":{\"input_tokens\":" + input + ",\"cache_creation_input_tokens\":" + cacheCreation
                + ",\"cache_read_input_tokens\":" + cacheRead + ",\"output_tokens\":" + output + "}}}";
    }
}
