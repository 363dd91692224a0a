package io.entire.core.agent.claudecode;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.agent.Agents;
import io.entire.core.agent.LineMark;
import io.entire.core.agent.TranscriptEnd;
import io.entire.core.agent.TranscriptFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A turn of a long transcript is read from the mark found where the transcript ended when the turn began, not from
 * the first byte: the same analysis as reading the whole file, at every point a turn may begin (a partial last line
 * too); a mark the file no longer fits is not used.
 */
class TurnMarkTest {
    private static final TranscriptFormat CLAUDE_CODE = Agents.bySlug("claude-code").transcriptFormat();

    @TempDir
    Path temp;

    @Test
    void aTurnReadFromItsMarkIsAnalyzedAsTheWholeFileWouldBe() throws IOException {
        List<String> lines = Files.readAllLines(Fixtures.STRINGS_CONTAINS, UTF_8);
        Path transcript = temp.resolve("transcript.jsonl");
        for (int cut = 0; cut <= lines.size(); cut++) {
            for (int partial : new int[] {0, 9}) {
                String before = String.join("", lines.subList(0, cut).stream().map(line -> line + "\n").toList())
                        + (cut < lines.size() ? lines.get(cut).substring(0, partial) : "");
                Files.writeString(transcript, before);
                TranscriptEnd end = CLAUDE_CODE.endMarked(transcript);
                assertThat(end.position()).isEqualTo(CLAUDE_CODE.end(transcript));
                Files.writeString(transcript, String.join("\n", lines) + "\n");

                assertThat(CLAUDE_CODE.analyze(transcript, end.position(), end.mark().orElseThrow(),
                        Fixtures.STRINGS_CONTAINS_REPO)).as("turn from line %d (+%d bytes)", cut, partial)
                        .isEqualTo(CLAUDE_CODE.analyze(transcript, end.position(), Fixtures.STRINGS_CONTAINS_REPO));
            }
        }
    }

    @Test
    void theFilesATurnWroteReadFromItsMarkAreThoseTheWholeFileGives() throws IOException {
        List<String> lines = Files.readAllLines(Fixtures.STRINGS_CONTAINS, UTF_8);
        Path transcript = temp.resolve("transcript.jsonl");
        for (int cut = 0; cut <= lines.size(); cut++) {
            Files.writeString(transcript, String.join("", lines.subList(0, cut).stream().map(line -> line + "\n")
                    .toList()));
            TranscriptEnd end = CLAUDE_CODE.endMarked(transcript);
            Files.writeString(transcript, String.join("\n", lines) + "\n");

            assertThat(CLAUDE_CODE.filesWritten(transcript, end.position(), end.mark().orElseThrow(),
                    Fixtures.STRINGS_CONTAINS_REPO)).as("turn from line %d", cut)
                    .isEqualTo(CLAUDE_CODE.filesWritten(transcript, end.position(), Fixtures.STRINGS_CONTAINS_REPO));
        }
    }

    @Test
    void theLinesBeforeTheMarkAreNotRead() throws IOException {
        List<String> lines = Files.readAllLines(Fixtures.STRINGS_CONTAINS, UTF_8);
        Path transcript = temp.resolve("transcript.jsonl");
        Files.writeString(transcript, String.join("\n", lines.subList(0, 5)) + "\n");
        TranscriptEnd end = CLAUDE_CODE.endMarked(transcript);
        // The first line's newline turned into a space: counting from the first byte now finds one line fewer.
        byte[] bytes = Files.readAllBytes(transcript);
        bytes[lines.get(0).getBytes(UTF_8).length] = ' ';
        Files.write(transcript, bytes);
        Files.writeString(transcript, String.join("\n", lines.subList(5, lines.size())) + "\n",
                StandardOpenOption.APPEND);

        assertThat(CLAUDE_CODE.analyze(transcript, end.position(), end.mark().orElseThrow(),
                Fixtures.STRINGS_CONTAINS_REPO).lineCount()).isEqualTo(lines.size());
        assertThat(CLAUDE_CODE.analyze(transcript, end.position(), Fixtures.STRINGS_CONTAINS_REPO).lineCount())
                .isEqualTo(lines.size() - 1);
    }

    /** A prompt counts on from the last turn's mark: the same end as counting the whole file, wherever both lie. */
    @Test
    void theEndCountedOnFromAnEarlierMarkIsTheWholeFilesEnd() throws IOException {
        List<String> lines = Files.readAllLines(Fixtures.STRINGS_CONTAINS, UTF_8);
        Path transcript = temp.resolve("transcript.jsonl");
        for (int earlier = 0; earlier <= lines.size(); earlier++) {
            Files.writeString(transcript, text(lines, earlier, 9));
            LineMark known = CLAUDE_CODE.endMarked(transcript).mark().orElseThrow();
            for (int later = earlier; later <= lines.size(); later++) {
                for (int partial : new int[] {0, 9}) {
                    Files.writeString(transcript, text(lines, later, partial));
                    assertThat(CLAUDE_CODE.endMarked(transcript, known)).as("from %s to line %d (+%d bytes)", known,
                            later, partial).isEqualTo(CLAUDE_CODE.endMarked(transcript));
                }
            }
        }
    }

    @Test
    void theLinesBeforeAnEarlierMarkAreNotCountedAgain() throws IOException {
        List<String> lines = Files.readAllLines(Fixtures.STRINGS_CONTAINS, UTF_8);
        Path transcript = temp.resolve("transcript.jsonl");
        Files.writeString(transcript, text(lines, 5, 0));
        LineMark known = CLAUDE_CODE.endMarked(transcript).mark().orElseThrow();
        // The first line's newline turned into a space: counting from the first byte now finds one line fewer.
        byte[] bytes = Files.readAllBytes(transcript);
        bytes[lines.get(0).getBytes(UTF_8).length] = ' ';
        Files.write(transcript, bytes);
        Files.writeString(transcript, text(lines.subList(5, lines.size()), lines.size() - 5, 0),
                StandardOpenOption.APPEND);

        assertThat(CLAUDE_CODE.endMarked(transcript, known).position().value()).isEqualTo(lines.size());
        assertThat(CLAUDE_CODE.endMarked(transcript).position().value()).isEqualTo(lines.size() - 1);
        LineMark midLine = new LineMark(known.lines(), known.offset() - 3);
        assertThat(CLAUDE_CODE.endMarked(transcript, midLine)).as("a mark the file does not fit")
                .isEqualTo(CLAUDE_CODE.endMarked(transcript));
    }

    @Test
    void aMarkTheFileNoLongerFitsIsNotUsed() throws IOException {
        List<String> lines = Files.readAllLines(Fixtures.STRINGS_CONTAINS, UTF_8);
        Path transcript = Files.writeString(temp.resolve("transcript.jsonl"), String.join("\n", lines) + "\n");
        long start = 4;
        var whole = CLAUDE_CODE.analyze(transcript, CLAUDE_CODE.position(start), Fixtures.STRINGS_CONTAINS_REPO);
        long midLine = lines.get(0).length() + lines.get(1).length() + lines.get(2).length() + 3 + 5;
        for (LineMark mark : List.of(new LineMark(3, midLine), new LineMark(4, Files.size(transcript) + 10))) {
            assertThat(CLAUDE_CODE.analyze(transcript, CLAUDE_CODE.position(start), mark,
                    Fixtures.STRINGS_CONTAINS_REPO)).as("mark %s", mark).isEqualTo(whole);
        }
    }

    /** The first {@code count} lines, each with its newline, and {@code partial} bytes of the next one. */
    private static String text(List<String> lines, int count, int partial) {
        return String.join("", lines.subList(0, count).stream().map(line -> line + "\n").toList())
                + (count < lines.size() ? lines.get(count).substring(0, partial) : "");
    }
}
