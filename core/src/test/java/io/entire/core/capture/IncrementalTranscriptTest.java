package io.entire.core.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.agent.Agents;
import io.entire.core.agent.TranscriptAnalysis;
import io.entire.core.agent.TranscriptFormat;
import io.entire.core.attribution.TranscriptWrites;
import io.entire.core.git.GitRepository;
import io.entire.core.git.GitWorkers;
import io.entire.core.git.ObjectId;
import io.entire.core.git.ObjectWriter;
import io.entire.core.id.SessionId;
import io.entire.core.redact.RedactionRules;
import io.entire.core.store.TranscriptChunks;
import io.entire.core.testing.TestRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transcript prepared after the redacted prefix its session keeps gives exactly what preparing the whole file
 * gives (the same chunk blobs, content hash, compact transcript and analysis), whether it was appended to, rewritten,
 * or its last preparation was killed part way; and only the lines it gained are redacted again. Real Claude Code
 * transcripts (with a secret added), in chunks small enough that they span several.
 */
class IncrementalTranscriptTest {
    private static final TranscriptFormat CLAUDE_CODE = Agents.bySlug("claude-code").transcriptFormat();
    private static final SessionId SESSION = SessionId.of("7a1b2c3d-0070-4e5f-8a9b-000000000070");
    private static final int CHUNK_LIMIT = 16 * 1024;   // the fixtures' longest line is 9 KB

    @TempDir
    Path temp;
    GitRepository repository;
    TranscriptChunks chunks;
    RedactionCache cache;
    List<String> lines;
    Path transcript;
    GitWorkers workers;

    /**
     * What a checkpoint stores of a transcript: its chunks and hash, its compact part, the part's analysis, and the
     * agent's writes attribution reads from it.
     */
    record Stored(TranscriptChunks.Written written, String compact, TranscriptAnalysis analysis,
            TranscriptWrites writes) {
    }

    @BeforeEach
    void setUp() throws IOException {
        repository = TestRepository.withCommit(temp.resolve("repo"));
        chunks = new TranscriptChunks(CHUNK_LIMIT);
        Path sessions = Files.createDirectories(temp.resolve("sessions"));
        workers = new GitWorkers(repository);
        cache = new RedactionCache(sessions, SESSION, workers, RedactionCache.key("9.9.9", RedactionRules.NONE,
                chunks));
        lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(TestRepository.FIXTURES.resolve("claude-code"))) {
            for (Path fixture : files.filter(file -> file.toString().endsWith(".jsonl")).sorted().toList()) {
                lines.addAll(Files.readAllLines(fixture, StandardCharsets.UTF_8));
            }
        }
        lines.add(lines.size() / 3, "{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":"
                + "\"use ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8 please\"}}");
        lines.add(lines.size() / 2, "{not json");
        transcript = temp.resolve("claude/projects/-repo/" + SESSION.value() + ".jsonl");
        Files.createDirectories(transcript.getParent());
    }

    @Test
    void aTranscriptAppendedToStoresWhatTheWholeFileStores() throws IOException {
        long start = 0;
        int written = 0;
        for (int upTo : new int[] {10, 25, 26, 50, lines.size()}) {
            // Each time the file ends in the middle of a line, which the next append completes.
            String text = String.join("\n", lines.subList(0, upTo)) + "\n"
                    + lines.get(Math.min(upTo, lines.size() - 1)).substring(0, 17);
            append(text.substring(written));
            written = text.length();
            Stored incremental = incremental(start);
            assertThat(incremental).as("up to line %d", upTo).isEqualTo(whole(start));
            start = incremental.analysis().end().value();
        }
        assertThat(incremental(3)).as("from a line within the kept prefix (a finalization)").isEqualTo(whole(3));
        assertThat(incremental(0).written().parts()).hasSizeGreaterThan(4);
        assertThat(incremental(0).writes()).hasToString("3 writes up to " + Files.size(cache.redactedFile()));
    }

    /** The chunks the kept prefix names went from the repository (a checkpoint deleted, then gc): written again. */
    @Test
    void chunksGoneFromTheRepositoryAreWrittenAgain() throws IOException {
        append(String.join("\n", lines.subList(0, 60)) + "\n");
        List<ObjectId> kept = incremental(0).written().chunks();
        assertThat(kept).hasSizeGreaterThan(1).allMatch(this::stored);
        for (ObjectId chunk : kept) {
            Files.delete(repository.commonDir().resolve("objects/" + chunk.hex().substring(0, 2) + "/"
                    + chunk.hex().substring(2)));
        }
        assertThat(kept).noneMatch(this::stored);

        append(String.join("\n", lines.subList(60, 70)) + "\n");
        Stored incremental = incremental(60);
        // Every chunk the checkpoint names is there, those of the kept prefix written again (the last one grew).
        assertThat(incremental.written().chunks()).allMatch(this::stored).containsAll(kept.subList(0, kept.size() - 1));
        assertThat(incremental).isEqualTo(whole(60));
    }

    @Test
    void attributionReadsTheWritesOfTheKeptPrefixFromWhatItKeptAndParsesOnlyTheNewLines() throws IOException {
        append(String.join("\n", lines.subList(0, 40)) + "\n");
        assertThat(incremental(0).writes().toString()).startsWith("2 writes");
        // Lines of the kept prefix, read again, would now hold no tool call: the writes come from what was kept.
        Path redacted = cache.redactedFile();
        Files.writeString(redacted, Files.readString(redacted).replace("\"tool_use\"", "\"tool_usX\""));
        append(String.join("\n", lines.subList(40, 65)) + "\n");
        Stored incremental = incremental(40);
        assertThat(incremental.writes()).isEqualTo(whole(40).writes());
        assertThat(incremental.writes().toString()).startsWith("3 writes");
    }

    /**
     * The kept writes grow with the session: they are a line of their own after the description, which a checkpoint
     * parses only for attribution; damaged, they cost attribution a read from the start, never the kept prefix.
     */
    @Test
    void theKeptWritesAreALineOfTheirOwnThatOnlyAttributionReads() throws IOException {
        append(String.join("\n", lines.subList(0, 40)) + "\n");
        incremental(0);
        Path description = cache.redactedFile().resolveSibling(SESSION.value() + ".redacted-prefix");
        List<String> kept = Files.readAllLines(description, StandardCharsets.UTF_8);
        assertThat(kept).hasSize(2);
        assertThat(kept.get(0)).contains("\"segments\"").doesNotContain("\"list\"");
        assertThat(kept.get(1)).startsWith("{\"end\":").contains("\"list\"");

        Files.writeString(description, kept.get(0) + "\n{\"end\": [\n");
        append(String.join("\n", lines.subList(40, 65)) + "\n");
        try (PreparedTranscript prepared = prepare(40)) {
            assertThat(prepared.redaction().linesIn()).isEqualTo(25);
        }
        assertThat(incremental(40)).isEqualTo(whole(40));
    }

    @Test
    void onlyTheLinesAddedSinceTheLastCheckpointAreRedactedAndTheFullChunksAreKept() throws IOException {
        append(String.join("\n", lines.subList(0, 40)) + "\n");
        TranscriptChunks.Written first = incremental(0).written();
        append(String.join("\n", lines.subList(40, 45)) + "\n");
        try (PreparedTranscript prepared = prepare(40)) {
            assertThat(prepared.redaction().linesIn()).isEqualTo(5);
            TranscriptChunks.Written second = prepared.chunks().orElseThrow();
            assertThat(second.parts().subList(0, first.parts().size() - 1))
                    .isEqualTo(first.parts().subList(0, first.parts().size() - 1));
        }
    }

    @Test
    void aTranscriptRewrittenInsteadOfAppendedIsPreparedFromItsStart() throws IOException {
        append(String.join("\n", lines.subList(0, 40)) + "\n");
        incremental(0);
        List<String> rewritten = new ArrayList<>(lines);
        rewritten.set(5, rewritten.get(5).replace("\"type\"", "\"type\" "));   // compaction rewrote an early line
        Files.writeString(transcript, String.join("\n", rewritten.subList(0, 45)) + "\n");
        assertThat(incremental(40)).isEqualTo(whole(40));

        Files.writeString(transcript, String.join("\n", lines.subList(0, 20)) + "\n");   // shorter: started anew
        assertThat(incremental(0)).isEqualTo(whole(0));
    }

    /**
     * A rewrite in place that keeps the file's length (and so its inode and, once appended to, any size a check could
     * expect) is still noticed: the kept prefix is checked against the bytes it was made of at every checkpoint.
     */
    @Test
    void aRewriteInPlaceOfTheSameLengthIsNoticed() throws IOException {
        append(String.join("\n", lines.subList(0, 40)) + "\n");
        incremental(0);
        byte[] bytes = Files.readAllBytes(transcript);
        int at = lines.get(0).length() + 5;
        bytes[at] = (byte) (bytes[at] == 'a' ? 'b' : 'a');
        Files.write(transcript, bytes, StandardOpenOption.WRITE);
        append(String.join("\n", lines.subList(40, 45)) + "\n");
        try (PreparedTranscript prepared = prepare(40)) {
            assertThat(prepared.redaction().linesIn()).isEqualTo(45);
        }
        assertThat(incremental(40)).isEqualTo(whole(40));
    }

    @Test
    void aPreparationKilledBeforeItsCheckpointWasWrittenLosesNothing() throws IOException {
        append(String.join("\n", lines.subList(0, 30)) + "\n");
        incremental(0);
        append(String.join("\n", lines.subList(30, 50)) + "\n");
        try (PreparedTranscript prepared = prepare(30)) {
            prepared.chunks();   // killed here: the prefix was redacted further, never kept
        }
        Files.writeString(cache.redactedFile(), "{\"half\":", StandardOpenOption.APPEND);   // and mid-write
        assertThat(incremental(30)).isEqualTo(whole(30));

        Path description = cache.redactedFile().resolveSibling(SESSION.value() + ".redacted-prefix");
        Files.writeString(description, "{\"segments\": [[1,");   // a description cut short
        append(String.join("\n", lines.subList(50, 60)) + "\n");
        assertThat(incremental(50)).isEqualTo(whole(50));
    }

    /**
     * The redacted transcript's chunks go into the object database while its last lines are still parsed: a pass
     * that holds the last line until the last chunk's blob is there gets it (before, the chunks were written only once
     * every line was parsed, and it waited in vain).
     */
    @Test
    void theChunksAreWrittenWhileTheLastLinesAreParsed() throws IOException {
        append(String.join("\n", lines) + "\n");
        ObjectId lastChunk;
        GitRepository reference = TestRepository.withCommit(temp.resolve("reference"));
        try (PreparedTranscript whole = PreparedTranscript.prepare(CLAUDE_CODE, Optional.of(transcript),
                CLAUDE_CODE.position(0), temp.resolve("scratch"), temp.resolve("repo"), "9.9.9", RedactionRules.NONE);
                ObjectWriter referenceWriter = reference.openWriter()) {
            List<ObjectId> parts = chunks.write(whole.redacted(), referenceWriter).chunks();
            lastChunk = parts.get(parts.size() - 1);
        }
        assertThat(stored(lastChunk)).isFalse();
        TranscriptFormat holdingLastLine = new LastLineHeldFormat(CLAUDE_CODE, lines.size(), () -> stored(lastChunk));
        try (PreparedTranscript prepared = PreparedTranscript.prepare(holdingLastLine, Optional.of(transcript),
                holdingLastLine.position(0), temp.resolve("scratch"), temp.resolve("repo"), "9.9.9",
                RedactionRules.NONE, cache, chunks, writer())) {
            assertThat(prepared.chunks().orElseThrow().chunks()).endsWith(lastChunk);
        }
    }

    private boolean stored(ObjectId blob) {
        return repository.git().tryRun(List.of("cat-file", "-e", blob.hex()), null).succeeded();
    }

    private void append(String text) throws IOException {
        Files.writeString(transcript, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private PreparedTranscript prepare(long start) {
        return PreparedTranscript.prepare(CLAUDE_CODE, Optional.of(transcript), CLAUDE_CODE.position(start),
                temp.resolve("scratch"), temp.resolve("repo"), "9.9.9", RedactionRules.NONE, cache, chunks,
                writer());
    }

    /** As a checkpoint after the kept prefix stores it, keeping the grown prefix. */
    private Stored incremental(long start) throws IOException {
        try (PreparedTranscript prepared = prepare(start)) {
            TranscriptChunks.Written written = prepared.chunks().orElseThrow();
            PreparedTranscript.Writes writes = prepared.recordedWrites();
            prepared.keep(chunks, written, writes.toKeep());
            return new Stored(written, Files.readString(prepared.compact()), prepared.analysis(), writes.all());
        }
    }

    /** As a store writes the whole transcript, prepared in full. */
    private Stored whole(long start) throws IOException {
        try (PreparedTranscript prepared = PreparedTranscript.prepare(CLAUDE_CODE, Optional.of(transcript),
                CLAUDE_CODE.position(start), temp.resolve("scratch"), temp.resolve("repo"), "9.9.9",
                RedactionRules.NONE)) {
            assertThat(prepared.chunks()).isEmpty();
            return new Stored(chunks.write(prepared.redacted(), writer()), Files.readString(prepared.compact()),
                    prepared.analysis(), prepared.recordedWrites().all());
        }
    }

    private ObjectWriter writer() {
        return workers.writer();
    }

    @AfterEach
    void closeWorkers() {
        workers.close();
    }
}
