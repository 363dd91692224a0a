package io.entire.core.agent;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.testing.TestRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every agent whose transcript is append-only JSONL counts a prompt's end on from the mark where the last turn began,
 * and reads a turn from the mark where it began, not from the first byte: a long session's hooks read what was
 * written since, and find what reading the whole file would. Fed each agent's transcript recorded from its real
 * client.
 */
class PromptEndMarkTest {
    @TempDir
    Path temp;

    /** Each agent's transcript recorded from its real client. */
    static Stream<Arguments> recordedTranscripts() {
        return Stream.of(
                Arguments.of("codex",
                        "agents/codex/rollout-2026-12-04T21-22-05-01a242ef-8f49-7880-9740-3cf34e06dc87.jsonl"),
                Arguments.of("copilot-cli",
                        "agents/copilot/session-state/0b4607ed-dadd-4953-90df-369a1da59dbd/events.jsonl"));
    }

    @ParameterizedTest
    @MethodSource("recordedTranscripts")
    void theEndCountedOnFromAnEarlierMarkIsTheWholeFilesEnd(String agent, String recorded) throws IOException {
        TranscriptFormat format = Agents.bySlug(agent).transcriptFormat();
        List<String> lines = Files.readAllLines(TestRepository.FIXTURES.resolve(recorded), UTF_8);
        Path transcript = temp.resolve("transcript.jsonl");
        for (int earlier = 0; earlier <= lines.size(); earlier += 3) {
            Files.writeString(transcript, text(lines, earlier, 7));
            LineMark known = format.endMarked(transcript).mark().orElseThrow();
            for (int later = earlier; later <= lines.size(); later += 2) {
                for (int partial : new int[] {0, 7}) {
                    Files.writeString(transcript, text(lines, later, partial));
                    assertThat(format.endMarked(transcript, known)).as("from %s to line %d (+%d bytes)", known,
                            later, partial).isEqualTo(format.endMarked(transcript));
                    assertThat(format.endMarked(transcript).position()).isEqualTo(format.end(transcript));
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("recordedTranscripts")
    void theLinesBeforeAnEarlierMarkAreNotCountedAgain(String agent, String recorded) throws IOException {
        TranscriptFormat format = Agents.bySlug(agent).transcriptFormat();
        List<String> lines = Files.readAllLines(TestRepository.FIXTURES.resolve(recorded), UTF_8);
        Path transcript = temp.resolve("transcript.jsonl");
        LineMark known = endMarkedThenMiscounted(format, lines, transcript).mark().orElseThrow();

        assertThat(format.endMarked(transcript, known).position().value()).isEqualTo(lines.size());
        assertThat(format.end(transcript).value()).isEqualTo(lines.size() - 1);
    }

    @ParameterizedTest
    @MethodSource("recordedTranscripts")
    void aTurnReadFromItsMarkIsAnalyzedAsTheWholeFileWouldBe(String agent, String recorded) throws IOException {
        TranscriptFormat format = Agents.bySlug(agent).transcriptFormat();
        List<String> lines = Files.readAllLines(TestRepository.FIXTURES.resolve(recorded), UTF_8);
        Path transcript = temp.resolve("transcript.jsonl");
        Path workTree = temp.resolve("work");
        for (int cut = 0; cut <= lines.size(); cut += 2) {
            for (int partial : new int[] {0, 7}) {
                Files.writeString(transcript, text(lines, cut, partial));
                TranscriptEnd end = format.endMarked(transcript);
                Files.writeString(transcript, text(lines, lines.size(), 0));

                assertThat(format.analyze(transcript, end.position(), end.mark().orElseThrow(), workTree))
                        .as("turn from line %d (+%d bytes)", cut, partial)
                        .isEqualTo(format.analyze(transcript, end.position(), workTree));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("recordedTranscripts")
    void theFilesATurnWroteReadFromItsMarkAreThoseTheWholeFileGives(String agent, String recorded)
            throws IOException {
        TranscriptFormat format = Agents.bySlug(agent).transcriptFormat();
        List<String> lines = Files.readAllLines(TestRepository.FIXTURES.resolve(recorded), UTF_8);
        Path transcript = temp.resolve("transcript.jsonl");
        Path workTree = temp.resolve("work");
        for (int cut = 0; cut <= lines.size(); cut++) {
            Files.writeString(transcript, text(lines, cut, 7));
            TranscriptEnd end = format.endMarked(transcript);
            Files.writeString(transcript, text(lines, lines.size(), 0));

            assertThat(format.filesWritten(transcript, end.position(), end.mark().orElseThrow(), workTree))
                    .as("turn from line %d", cut).isEqualTo(format.filesWritten(transcript, end.position(), workTree));
        }
    }

    @ParameterizedTest
    @MethodSource("recordedTranscripts")
    void aTurnsAnalysisDoesNotReadTheLinesBeforeItsMark(String agent, String recorded) throws IOException {
        TranscriptFormat format = Agents.bySlug(agent).transcriptFormat();
        List<String> lines = Files.readAllLines(TestRepository.FIXTURES.resolve(recorded), UTF_8);
        Path transcript = temp.resolve("transcript.jsonl");
        TranscriptEnd end = endMarkedThenMiscounted(format, lines, transcript);

        Path workTree = temp.resolve("work");
        assertThat(format.analyze(transcript, end.position(), end.mark().orElseThrow(), workTree).lineCount())
                .isEqualTo(lines.size());
        assertThat(format.analyze(transcript, end.position(), workTree).lineCount()).isEqualTo(lines.size() - 1);
    }

    /**
     * The end of the first five lines, marked; then the first line's newline turned into a space (counting from the
     * first byte now finds one line fewer) and the other lines appended.
     */
    private static TranscriptEnd endMarkedThenMiscounted(TranscriptFormat format, List<String> lines, Path transcript)
            throws IOException {
        Files.writeString(transcript, text(lines, 5, 0));
        TranscriptEnd end = format.endMarked(transcript);
        byte[] bytes = Files.readAllBytes(transcript);
        bytes[lines.get(0).getBytes(UTF_8).length] = ' ';
        Files.write(transcript, bytes);
        Files.writeString(transcript, text(lines.subList(5, lines.size()), lines.size() - 5, 0),
                StandardOpenOption.APPEND);
        return end;
    }

    /** The first {@code count} lines, each with its line end, and {@code partial} bytes of the next one. */
    private static String text(List<String> lines, int count, int partial) {
        StringBuilder text = new StringBuilder();
        lines.subList(0, count).forEach(line -> text.append(line).append('\n'));
        if (count < lines.size()) {
            text.append(lines.get(count), 0, Math.min(partial, lines.get(count).length()));
        }
        return text.toString();
    }
}
