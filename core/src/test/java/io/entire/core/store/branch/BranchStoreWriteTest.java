package io.entire.core.store.branch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entire.core.git.Git;
import io.entire.core.git.GitRepository;
import io.entire.core.git.MissingObjectException;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import io.entire.core.store.CheckpointTree;
import io.entire.core.store.StoredCheckpoint;
import io.entire.core.store.TranscriptChunks;
import io.entire.core.store.TranscriptTooLargeException;
import io.entire.core.store.WriteKind;
import io.entire.core.store.WrittenCheckpoint;
import io.entire.core.testing.Sessions;
import io.entire.core.testing.TestRepository;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BranchStoreWriteTest {
    private static final CheckpointId ID = CheckpointId.of("a3b2c4d5e6f7");

    @TempDir
    Path temp;
    GitRepository repository;
    Git git;

    @BeforeEach
    void createRepository() {
        repository = TestRepository.withCommit(temp.resolve("repo"));
        git = repository.git();
    }

    private BranchStore store() {
        return new BranchStore(repository, "test", new TranscriptChunks(TranscriptChunks.DEFAULT_LIMIT));
    }

    @Test
    void firstWriteCreatesTheOrphanBranchWithAnInitCommitAndTheV1Layout() {
        try (BranchStore store = store()) {
            store.write(ID, Sessions.content(temp, ID, "session-1", "{\"a\":1}\n", List.of("src/a.txt"),
                    List.of("first", "second")), WriteKind.CHECKPOINT);
        }
        assertThat(git.run("log", "--format=%s", "entire/checkpoints/v1").text())
                .isEqualTo("Checkpoint: a3b2c4d5e6f7\nInitialize sessions branch");
        assertThat(git.run("ls-tree", "-r", "--name-only", "entire/checkpoints/v1").text().lines().toList())
                .containsExactly("a3/b2c4d5e6f7/0/content_hash.txt", "a3/b2c4d5e6f7/0/full.jsonl",
                        "a3/b2c4d5e6f7/0/metadata.json", "a3/b2c4d5e6f7/0/prompt.txt", "a3/b2c4d5e6f7/metadata.json");
        assertThat(show("a3/b2c4d5e6f7/0/prompt.txt")).isEqualTo("first\n\n---\n\nsecond");
        assertThat(show("a3/b2c4d5e6f7/0/content_hash.txt"))
                .isEqualTo("sha256:e346432021b04179518d9614f3560ccd71354a4ee101ddcb893d6959a9d6301c");
        String root = show("a3/b2c4d5e6f7/metadata.json");
        assertThat(root).startsWith("{\n  \"cli_version\": \"test\",\n  \"checkpoints_version\": \"branch-1\",\n"
                + "  \"checkpoint_id\": \"a3b2c4d5e6f7\",\n  \"strategy\": \"manual-commit\",\n"
                + "  \"branch\": \"main\",\n")
                .contains("\"transcript\": \"/a3/b2c4d5e6f7/0/full.jsonl\"")
                .contains("\"prompt\": \"/a3/b2c4d5e6f7/0/prompt.txt\"").endsWith("}\n");
        assertThat(git.run("log", "-1", "--format=%B", "entire/checkpoints/v1").text())
                .contains("Entire-Session: session-1\nEntire-Strategy: manual-commit\nEntire-Agent: Claude Code");
        assertThat(git.run("fsck", "--strict").succeeded()).isTrue();
    }

    @Test
    void aSecondSessionTakesTheNextSlotAndTheSameSessionKeepsItsSlot() {
        try (BranchStore store = store()) {
            store.write(ID, Sessions.content(temp, ID, "s1", "one\n", List.of("a"), List.of("p1")),
                    WriteKind.CHECKPOINT);
            WrittenCheckpoint second = store.write(ID, Sessions.content(temp, ID, "s2", "two\n", List.of("b"),
                    List.of()), WriteKind.CHECKPOINT);
            assertThat(second.slot()).isEqualTo(1);
            WrittenCheckpoint replaced = store.write(ID, Sessions.content(temp, ID, "s1", "one more\n", List.of("c"),
                    List.of()), WriteKind.FINALIZE);
            assertThat(replaced.slot()).isZero();
            StoredCheckpoint stored = store.find(ID).orElseThrow();
            assertThat(stored.sessions()).extracting(session -> session.metadata().sessionId())
                    .containsExactly(SessionId.of("s1"), SessionId.of("s2"));
            assertThat(stored.sessions().get(0).files()).as("stale prompt.txt is gone with the old slot")
                    .doesNotContainKey(CheckpointTree.PROMPT);
            assertThat(stored.summary().filesTouched()).containsExactly("b", "c");
            assertThat(stored.summary().checkpointsCount()).isEqualTo(2);
            assertThat(stored.summary().tokenUsage().orElseThrow().outputTokens()).isEqualTo(8);
            ByteArrayOutputStream transcript = new ByteArrayOutputStream();
            store.copyTranscript(stored, stored.sessions().get(0), transcript);
            assertThat(transcript.toString(StandardCharsets.UTF_8)).isEqualTo("one more\n");
        }
        assertThat(git.run("log", "-1", "--format=%s", "entire/checkpoints/v1").text())
                .isEqualTo("Finalize transcript for Checkpoint: a3b2c4d5e6f7");
    }

    @Test
    void writingWhatIsStoredMakesNoCommit() {
        try (BranchStore store = store()) {
            store.write(ID, Sessions.content(temp, ID, "s1", "one\n", List.of("a"), List.of("p")),
                    WriteKind.CHECKPOINT);
            String tip = git.run("rev-parse", "entire/checkpoints/v1").text();
            WrittenCheckpoint again = store.write(ID, Sessions.content(temp, ID, "s1", "one\n", List.of("a"),
                    List.of("p")), WriteKind.CHECKPOINT);
            assertThat(again.changed()).isFalse();
            assertThat(git.run("rev-parse", "entire/checkpoints/v1").text()).isEqualTo(tip);
        }
    }

    @Test
    void largeTranscriptsAreChunkedOnLinesAndReassembled() {
        StringBuilder transcript = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            transcript.append("{\"line\":").append(i).append("}\n");
        }
        try (BranchStore store = new BranchStore(repository, "test", new TranscriptChunks(100))) {
            store.write(ID, Sessions.content(temp, ID, "s1", transcript.toString(), List.of(), List.of()),
                    WriteKind.CHECKPOINT);
            StoredCheckpoint stored = store.find(ID).orElseThrow();
            assertThat(stored.sessions().get(0).files()).containsKeys("full.jsonl", "full.jsonl.001", "full.jsonl.002");
            for (String name : stored.sessions().get(0).files().keySet()) {
                if (name.startsWith("full.jsonl")) {
                    assertThat(show("a3/b2c4d5e6f7/0/" + name).length()).isLessThanOrEqualTo(100);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.copyTranscript(stored, stored.sessions().get(0), out);
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(transcript.toString());
        }
    }

    @Test
    void aLineLongerThanTheChunkLimitIsAnErrorAndWritesNothing() {
        try (BranchStore store = new BranchStore(repository, "test", new TranscriptChunks(10))) {
            assertThatThrownBy(() -> store.write(ID, Sessions.content(temp, ID, "s1", "{\"a very long line\":1}\n",
                    List.of(), List.of()), WriteKind.CHECKPOINT)).isInstanceOf(TranscriptTooLargeException.class);
        }
        assertThat(repository.refs().find(BranchStore.BRANCH)).isEmpty();
    }

    @Test
    void rewritingARealCheckpointKeepsItsUnknownKeysAndItsOtherSessions() {
        GitRepository sample = TestRepository.upstreamSample(temp.resolve("sample"));
        CheckpointId real = CheckpointId.of("044ed289c318");
        Git sampleGit = sample.git();
        String before = sampleGit.run("show", "entire/checkpoints/v1:04/4ed289c318/0/metadata.json").text();
        try (BranchStore store = new BranchStore(sample, "test",
                new TranscriptChunks(TranscriptChunks.DEFAULT_LIMIT))) {
            StoredCheckpoint stored = store.find(real).orElseThrow();
            SessionId sessionOne = stored.sessions().get(1).metadata().sessionId();
            store.write(real, Sessions.content(temp, real, sessionOne.value(), "{\"new\":true}\n", List.of("x.go"),
                    List.of("again")), WriteKind.FINALIZE);
        }
        assertThat(sampleGit.run("show", "entire/checkpoints/v1:04/4ed289c318/0/metadata.json").text())
                .as("the untouched session is byte-identical").isEqualTo(before);
        String rewritten = sampleGit.run("show", "entire/checkpoints/v1:04/4ed289c318/1/metadata.json").text();
        assertThat(rewritten).contains("\"initial_attribution\"").contains("\"transcript_path\"")
                .contains("\"created_at\": \"2026-02-15T16:08:35.860803Z\"");
        String root = sampleGit.run("show", "entire/checkpoints/v1:04/4ed289c318/metadata.json").text();
        assertThat(root).as("the untouched slot's entry is kept as it was")
                .contains("\"transcript\": \"/04/4ed289c318/0/full.jsonl\",\n      \"context\": \"\",")
                .as("the rewritten slot lost its legacy context.md with the old folder")
                .doesNotContain("/04/4ed289c318/1/context.md");
        assertThat(sampleGit.run("ls-tree", "--name-only", "entire/checkpoints/v1:04/4ed289c318/1/").text())
                .doesNotContain("context.md");
        assertThat(sampleGit.run("fsck", "--strict").succeeded()).isTrue();
    }

    @Test
    void aBranchWhoseCommitIsMissingFailsAtOnceNamingItAndStaysAsItWas() throws IOException {
        String missing = "1111111111111111111111111111111111111111";
        Path ref = Files.createDirectories(repository.commonDir().resolve("refs/heads/entire/checkpoints"))
                .resolve("v1");
        Files.writeString(ref, missing + "\n");   // git update-ref refuses to write this; a damaged repository has it
        try (BranchStore store = store()) {
            assertThatThrownBy(() -> store.write(ID, Sessions.content(temp, ID, "s1", "one\n", List.of("a"),
                    List.of()), WriteKind.CHECKPOINT))
                    .isInstanceOf(MissingObjectException.class)
                    .hasMessageContaining(missing).hasMessageContaining("refs/heads/entire/checkpoints/v1");
        }
        assertThat(Files.readString(ref)).isEqualTo(missing + "\n");
        assertThat(repository.commonDir().resolve("logs/refs/heads/entire/checkpoints/v1")).as("no update")
                .doesNotExist();
    }

    private String show(String path) {
        return new String(git.run("cat-file", "blob", "entire/checkpoints/v1:" + path).stdout(),
                StandardCharsets.UTF_8);
    }
}
