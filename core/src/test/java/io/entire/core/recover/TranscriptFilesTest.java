package io.entire.core.recover;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.id.SessionId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cutting and replacing transcripts never loses a line: what goes is kept, and comes back on demand. */
class TranscriptFilesTest {
    private static final SessionId SESSION = SessionId.of("75c838dd-10e3-40cf-8df3-17f9955149f8");

    @TempDir
    Path temp;
    Path transcript;
    TranscriptFiles files;

    @BeforeEach
    void setUp() throws IOException {
        transcript = temp.resolve("projects/repo/" + SESSION.value() + ".jsonl");
        Files.createDirectories(transcript.getParent());
        Files.writeString(transcript, "one\ntwo\nthree\nfour\n");
        files = new TranscriptFiles(Files.createDirectories(temp.resolve("git")));
    }

    @Test
    void aCutKeepsTheWholeTranscriptAndALaterRestoreTakesTheLinesBack() throws IOException {
        TranscriptFiles.Written cut = files.cutTo(SESSION, transcript, 2);

        assertThat(cut.outcome()).isEqualTo(TranscriptOutcome.WRITTEN);
        assertThat(Files.readString(transcript)).isEqualTo("one\ntwo\n");
        assertThat(Files.readString(cut.backup().orElseThrow())).isEqualTo("one\ntwo\nthree\nfour\n");

        assertThat(files.cutTo(SESSION, transcript, 3).outcome()).isEqualTo(TranscriptOutcome.WRITTEN);
        assertThat(Files.readString(transcript)).isEqualTo("one\ntwo\nthree\n");
        assertThat(files.cutTo(SESSION, transcript, 3).outcome()).isEqualTo(TranscriptOutcome.UNCHANGED);
    }

    @Test
    void linesNoCopyHoldsAreReportedNotInvented() throws IOException {
        assertThat(files.cutTo(SESSION, transcript, 9).outcome()).isEqualTo(TranscriptOutcome.UNAVAILABLE);
        assertThat(Files.readString(transcript)).isEqualTo("one\ntwo\nthree\nfour\n");
    }

    @Test
    void aLastLineWithoutItsNewlineCountsAsALine() throws IOException {
        Files.writeString(transcript, "one\ntwo");

        assertThat(files.cutTo(SESSION, transcript, 2).outcome()).isEqualTo(TranscriptOutcome.UNCHANGED);
        assertThat(files.cutTo(SESSION, transcript, 1).outcome()).isEqualTo(TranscriptOutcome.WRITTEN);
        assertThat(Files.readString(transcript)).isEqualTo("one\n");
    }

    @Test
    void aNewerTranscriptStaysUnlessReplacedAndThenItIsKept() throws IOException {
        Path stored = Files.writeString(temp.resolve("stored.jsonl"), "one\ntwo\n");

        assertThat(files.replace(SESSION, transcript, stored, Overwrite.KEEP_NEWER).outcome())
                .isEqualTo(TranscriptOutcome.KEPT_NEWER);
        assertThat(Files.readString(transcript)).isEqualTo("one\ntwo\nthree\nfour\n");

        TranscriptFiles.Written replaced = files.replace(SESSION, transcript, stored, Overwrite.REPLACE);

        assertThat(replaced.outcome()).isEqualTo(TranscriptOutcome.WRITTEN);
        assertThat(Files.readString(transcript)).isEqualTo("one\ntwo\n");
        assertThat(Files.readString(replaced.backup().orElseThrow())).isEqualTo("one\ntwo\nthree\nfour\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(transcript)))
                .as("transcripts hold prompts and output: owner only").isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(replaced.backup().orElseThrow())))
                .isEqualTo("rw-------");
    }

    @Test
    void anOlderTranscriptIsReplacedAndAMissingOneWritten() throws IOException {
        Path stored = Files.writeString(temp.resolve("stored.jsonl"), "one\ntwo\nthree\nfour\nfive\n");
        assertThat(files.replace(SESSION, transcript, stored, Overwrite.KEEP_NEWER).outcome())
                .isEqualTo(TranscriptOutcome.WRITTEN);
        assertThat(Files.readString(transcript)).endsWith("five\n");

        Path elsewhere = temp.resolve("other/" + SESSION.value() + ".jsonl");
        assertThat(files.replace(SESSION, elsewhere, stored, Overwrite.KEEP_NEWER).outcome())
                .isEqualTo(TranscriptOutcome.WRITTEN);
        assertThat(Files.readString(elsewhere)).isEqualTo(Files.readString(stored));
        try (var left = Files.list(elsewhere.getParent())) {
            assertThat(left).as("no temporary file is left").hasSize(1);
        }
    }
}
