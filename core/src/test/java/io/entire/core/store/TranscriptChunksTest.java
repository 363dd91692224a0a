package io.entire.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entire.core.Sha256;
import io.entire.core.git.GitRepository;
import io.entire.core.git.GitWorkers;
import io.entire.core.testing.TestRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptChunksTest {
    private static final int LIMIT = 200;

    @TempDir
    Path temp;

    @Test
    void chunkNamesFollowPrintfsZeroPaddedThreeDigits() {
        assertThat(TranscriptChunks.chunkName("full.jsonl", 0)).isEqualTo("full.jsonl");
        for (int index : new int[] {1, 9, 10, 99, 100, 999, 1000, 12345}) {
            assertThat(TranscriptChunks.chunkName("full.jsonl", index)).as("chunk %d", index)
                    .isEqualTo("full.jsonl." + String.format("%03d", index));
        }
    }

    /**
     * A transcript that grows at its end, written each time after a known prefix of its last write: the chunks and
     * hash are exactly those of a write of the whole file, at every size, with a partial last line too.
     */
    @Test
    void aWriteAfterTheKnownPrefixOfTheLastOneGivesTheChunksAndHashOfAWholeWrite() throws IOException {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        TranscriptChunks chunks = new TranscriptChunks(LIMIT);
        byte[] all = lines(120);
        Path file = temp.resolve("transcript.jsonl");
        TranscriptPrefix known = TranscriptPrefix.NONE;
        try (GitWorkers workers = new GitWorkers(repository)) {
            for (int size = 7; size <= all.length; size += 61) {
                Files.write(file, Arrays.copyOf(all, size));
                TranscriptChunks.Written whole = chunks.write(file, workers.writer());
                TranscriptChunks.Written incremental = chunks.write(file, known, workers.writer());
                assertThat(incremental).as("%d bytes after a known %d", size, known.length()).isEqualTo(whole);
                assertThat(whole.contentHash()).isEqualTo(Sha256.contentHash(Arrays.copyOf(all, size)));
                known = chunks.prefix(incremental, new Sha256().update(all, 0, stableLength(all, size)).midstate());
            }
            assertThat(known.chunks()).as("chunks known at the end").hasSizeGreaterThan(10);
        }
    }

    /** The known chunks are taken as they are: the write reads nothing of them (here their bytes were changed). */
    @Test
    void theKnownChunksAreNotReadAgain() throws IOException {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        TranscriptChunks chunks = new TranscriptChunks(LIMIT);
        byte[] all = lines(40);
        Path file = Files.write(temp.resolve("transcript.jsonl"), all);
        try (GitWorkers workers = new GitWorkers(repository)) {
            TranscriptChunks.Written first = chunks.write(file, workers.writer());
            TranscriptPrefix known = chunks.prefix(first, new Sha256().update(all, 0, all.length).midstate());
            assertThat(known.chunks()).hasSizeGreaterThan(2);
            byte[] changed = all.clone();
            changed[3] = 'X';
            Files.write(file, changed);

            assertThat(chunks.write(file, known, workers.writer())).isEqualTo(first);
            assertThat(chunks.write(file, workers.writer()).chunks().get(0)).isNotEqualTo(first.chunks().get(0));
        }
    }

    /**
     * Wherever a line ends around the limit (just before the deciding byte, on it, just after it), written whole or
     * after a known prefix, each chunk holds the lines up to the last newline within the limit bytes from its start,
     * and joining the chunks with "\n" gives the file back.
     */
    @Test
    void eachChunkEndsAtTheLastNewlineWithinTheLimitWhereverLinesEnd() throws IOException {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        TranscriptChunks chunks = new TranscriptChunks(LIMIT);
        Path file = temp.resolve("transcript.jsonl");
        try (GitWorkers workers = new GitWorkers(repository)) {
            for (int firstLine = LIMIT - 3; firstLine <= LIMIT; firstLine++) {
                byte[] all = (line(firstLine) + line(LIMIT - 1) + line(7) + line(LIMIT / 2) + line(LIMIT / 2)
                        + line(LIMIT - 2) + "{\"partial\":").getBytes(StandardCharsets.UTF_8);
                Files.write(file, all);
                List<String> expected = cutAtTheLastNewlineWithinTheLimit(all);
                TranscriptChunks.Written whole = chunks.write(file, workers.writer());
                assertThat(contents(repository, whole)).as("first line of %d bytes", firstLine)
                        .isEqualTo(expected);
                assertThat(String.join("\n", expected)).isEqualTo(new String(all, StandardCharsets.UTF_8));
                for (int knownSize : new int[] {LIMIT + 10, 3 * LIMIT, all.length - 1}) {
                    int stable = stableLength(all, knownSize);
                    Files.write(file, Arrays.copyOf(all, stable));
                    TranscriptPrefix known = chunks.prefix(chunks.write(file, workers.writer()),
                            new Sha256().update(all, 0, stable).midstate());
                    Files.write(file, all);
                    assertThat(chunks.write(file, known, workers.writer())).as("after %d known bytes", stable)
                            .isEqualTo(whole);
                }
            }
        }
    }

    @Test
    void aFileShorterThanItsKnownPrefixIsRefused() throws IOException {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        TranscriptChunks chunks = new TranscriptChunks(LIMIT);
        byte[] all = lines(10);
        Path file = Files.write(temp.resolve("transcript.jsonl"), Arrays.copyOf(all, 20));
        TranscriptPrefix known = new TranscriptPrefix(new Sha256().update(all, 0, all.length).midstate(),
                List.of());
        try (GitWorkers workers = new GitWorkers(repository)) {
            assertThatThrownBy(() -> chunks.write(file, known, workers.writer()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(file.toString());
        }
    }

    /** One line of {@code length} bytes with its newline. */
    private static String line(int length) {
        return "x".repeat(length - 1) + "\n";
    }

    /** FORMATS.md 2 as the Go tool applies it, byte by byte. */
    private static List<String> cutAtTheLastNewlineWithinTheLimit(byte[] bytes) {
        List<String> chunks = new ArrayList<>();
        int start = 0;
        while (bytes.length - start > LIMIT) {
            int cut = start + LIMIT - 1;
            while (bytes[cut] != '\n') {
                cut--;
            }
            chunks.add(new String(bytes, start, cut - start, StandardCharsets.UTF_8));
            start = cut + 1;
        }
        chunks.add(new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8));
        return chunks;
    }

    private static List<String> contents(GitRepository repository, TranscriptChunks.Written written) {
        return written.chunks().stream().map(blob -> new String(repository.git().run("cat-file", "blob", blob.hex())
                .stdout(), StandardCharsets.UTF_8)).toList();
    }

    private static byte[] lines(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append("{\"type\":\"user\",\"n\":").append(i).append(",\"text\":\"").append("x".repeat(i % 37))
                    .append("\"}\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The bytes up to the last newline among the first {@code size}. */
    private static int stableLength(byte[] bytes, int size) {
        for (int i = size - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }
}
