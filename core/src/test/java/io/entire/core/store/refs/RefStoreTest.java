package io.entire.core.store.refs;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.RandomSource;
import io.entire.core.git.Git;
import io.entire.core.git.GitRepository;
import io.entire.core.git.RefName;
import io.entire.core.id.CheckpointId;
import io.entire.core.push.PushQueue;
import io.entire.core.store.CheckpointListing;
import io.entire.core.store.SessionContent;
import io.entire.core.store.StoreKind;
import io.entire.core.store.StoreSet;
import io.entire.core.store.StoreSetWrite;
import io.entire.core.store.TranscriptChunks;
import io.entire.core.store.WriteKind;
import io.entire.core.store.branch.BranchStore;
import io.entire.core.store.v2.V2StoreTest;
import io.entire.core.testing.Sessions;
import io.entire.core.testing.TestRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RefStoreTest {
    @TempDir
    Path temp;
    GitRepository repository;
    Git git;

    @BeforeEach
    void createRepository() {
        repository = TestRepository.withCommit(temp.resolve("repo"));
        git = repository.git();
    }

    private RefStore store() {
        return new RefStore(repository, "9.9.9", new TranscriptChunks(TranscriptChunks.DEFAULT_LIMIT),
                new PushQueue(repository.commonDir()));
    }

    @Test
    void aCheckpointIsAnOrphanCommitWhoseTreeIsTheFolderAndLaterWritesStackOnIt() {
        CheckpointId id = CheckpointId.newUlid(Instant.parse("2026-11-20T10:00:00Z"), RandomSource.system());
        String ref = "refs/entire/checkpoints/" + id.value().substring(24) + "/" + id;
        try (RefStore store = store()) {
            store.write(id, Sessions.content(temp, id, "s1", "one\n", List.of("a"), List.of("p")),
                    WriteKind.CHECKPOINT);
            store.write(id, Sessions.content(temp, id, "s2", "two\n", List.of("b"), List.of()), WriteKind.CHECKPOINT);
            assertThat(store.find(id).orElseThrow().sessions()).hasSize(2);
            assertThat(store.list()).extracting(CheckpointListing::id).containsExactly(id);
        }
        assertThat(git.run("rev-list", "--count", ref).text()).isEqualTo("2");
        assertThat(git.run("ls-tree", "--name-only", ref).text().lines().toList())
                .containsExactly("0", "1", "metadata.json");
        String root = git.run("show", ref + ":metadata.json").text();
        assertThat(root).contains("\"cli_version\": \"9.9.9\"", "\"checkpoints_version\": \"refs-1\"",
                "\"metadata\": \"/0/metadata.json\"", "\"transcript\": \"/1/full.jsonl\"");
        assertThat(new PushQueue(repository.commonDir()).entries()).containsExactly(RefName.of(ref));
        assertThat(git.run("fsck", "--strict").succeeded()).isTrue();
    }

    @Test
    void aSessionsRecordedCommitIsKeptInItsMetadataAndFoundByTheCommitWithOneLog() {
        CheckpointId linked = CheckpointId.newUlid(Instant.parse("2026-11-20T10:00:00Z"), RandomSource.system());
        CheckpointId other = CheckpointId.newUlid(Instant.parse("2026-11-20T10:00:01Z"), RandomSource.system());
        String commit = git.run("rev-parse", "HEAD").text();
        try (RefStore store = store()) {
            SessionContent content = Sessions.content(temp, linked, "s1", "one\n", List.of("a"), List.of("p"));
            store.write(linked, new SessionContent(content.metadata().withLinkedCommit(commit), content.transcript(),
                    Optional.empty(), content.prompts()), WriteKind.CHECKPOINT);
            store.write(other, Sessions.content(temp, other, "s2", "two\n", List.of(), List.of()),
                    WriteKind.CHECKPOINT);

            assertThat(store.find(linked).orElseThrow().sessions().get(0).metadata().linkedCommit()).contains(commit);
            assertThat(store.recordedLinks()).containsOnlyKeys(commit);
            assertThat(store.recordedLinks().get(commit)).containsExactly(linked);
        }
        assertThat(git.run("show", "refs/entire/checkpoints/" + linked.refShard() + "/" + linked + ":0/metadata.json")
                .text()).contains("\"linked_commit\": \"" + commit + "\"");
    }

    @Test
    void legacyIdsUseTheLastTwoShardAndAreFoundUnderThePrefixShardOfEarlierVersionsToo() {
        CheckpointId id = CheckpointId.of("a3b2c4d5e6f7");
        try (RefStore store = store()) {
            store.write(id, Sessions.content(temp, id, "s1", "one\n", List.of(), List.of()), WriteKind.CHECKPOINT);
            assertThat(repository.refs().find(RefName.of("refs/entire/checkpoints/f7/a3b2c4d5e6f7"))).isPresent();
            assertThat(repository.refs().find(RefName.of("refs/entire/checkpoints/a3/a3b2c4d5e6f7"))).isEmpty();
            git.run("update-ref", "refs/entire/checkpoints/a3/a3b2c4d5e6f7", "refs/entire/checkpoints/f7/a3b2c4d5e6f7");
            git.run("update-ref", "-d", "refs/entire/checkpoints/f7/a3b2c4d5e6f7");
            assertThat(store.find(id)).isPresent();
            assertThat(store.ids()).containsExactly(id);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"refs/entire/checkpoints/v2/main", "refs/entire/checkpoints/v2/full/current",
            "refs/entire/checkpoints/zz/a3b2c4d5e6f7", "refs/entire/checkpoints/a3/a3b2c4d5e6f7/x",
            "refs/entire/checkpoints/a3b2c4d5e6f7", "refs/entire/checkpoints/AA/01KVBJCWYA4YW6J5M9GP655HZN",
            "refs/entire/checkpoints/a3/A3B2C4D5E6F7"})
    void onlyRefsOfTheExactShapeAreCheckpoints(String name) {
        assertThat(CheckpointRefs.checkpointOf(RefName.of(name))).isEmpty();
    }

    @Test
    void shardsCompareCaseInsensitively() {
        assertThat(CheckpointRefs.checkpointOf(RefName.of("refs/entire/checkpoints/zn/01KVBJCWYA4YW6J5M9GP655HZN")))
                .contains(CheckpointId.of("01KVBJCWYA4YW6J5M9GP655HZN"));
        assertThat(CheckpointRefs.checkpointOf(RefName.of("refs/entire/checkpoints/F7/a3b2c4d5e6f7"))).isPresent();
    }

    /** find looks refs up by exact name, so every name checkpointOf accepts must be among those it asks for. */
    @ParameterizedTest
    @ValueSource(strings = {"refs/entire/checkpoints/zn/01KVBJCWYA4YW6J5M9GP655HZN",
            "refs/entire/checkpoints/zN/01KVBJCWYA4YW6J5M9GP655HZN", "refs/entire/checkpoints/F7/a3b2c4d5e6f7",
            "refs/entire/checkpoints/A3/a3b2c4d5e6f7", "refs/entire/checkpoints/a3/a3b2c4d5e6f7"})
    void aCheckpointIsFoundUnderEveryShardSpellingReadersAccept(String name) {
        CheckpointId id = CheckpointRefs.checkpointOf(RefName.of(name)).orElseThrow();
        try (RefStore store = store()) {
            store.write(id, Sessions.content(temp, id, "s1", "one\n", List.of(), List.of()), WriteKind.CHECKPOINT);
            RefName written = CheckpointRefs.refFor(id);
            git.run("update-ref", name, written.name());
            git.run("update-ref", "-d", written.name());
            git.run("pack-refs", "--all");
            assertThat(store.findTip(id)).map(tip -> tip.ref().name()).contains(name);
            assertThat(store.find(id)).isPresent();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"refs/entire/checkpoints/../heads/main", "refs/entire/checkpoints/a3/../../x",
            "refs/entire/checkpoints/a3/a3b2c4d5e6f7.lock", "refs/entire/checkpoints/a3/a b", "heads/main"})
    void refNamesSmugglingPathsAreRejected(String name) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RefName.of(name))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoProcessesAddingSessionsToOneCheckpointBothLand() throws IOException, InterruptedException {
        CheckpointId id = CheckpointId.newUlid(Instant.now(), RandomSource.system());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            writers.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    RefSessionWriter.class.getName(), repository.workTree().toString(), id.value(), "writer" + w, "10")
                    .redirectErrorStream(true).start());
        }
        for (Process writer : writers) {
            String output = new String(writer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(writer.waitFor(3, TimeUnit.MINUTES)).isTrue();
            assertThat(writer.exitValue()).as(output).isZero();
        }
        try (RefStore store = store()) {
            assertThat(store.find(id).orElseThrow().sessions()).hasSize(20);
        }
        assertThat(git.run("fsck", "--strict").succeeded()).isTrue();
    }

    @Test
    void mirrorModeWritesRefsFirstAndTheBranchAsMirror() {
        io.entire.core.settings.Settings settings = V2StoreTest.settings(repository,
                "{\"strategy_options\": {\"checkpoint_store\": \"refs-v1-mirror\"}}");
        CheckpointId id;
        try (StoreSet stores = StoreSet.open(repository, settings, "test", new PushQueue(repository.commonDir()))) {
            id = stores.newCheckpointId(java.time.Clock.systemUTC(), RandomSource.system());
            assertThat(id.kind()).isEqualTo(CheckpointId.Kind.ULID);
            StoreSetWrite written = stores.write(id, Sessions.content(temp, id, "s1", "x\n", List.of(), List.of()),
                    WriteKind.CHECKPOINT);
            assertThat(written.mirrorWarnings()).isEmpty();
            assertThat(stores.find(id).orElseThrow().store().kind()).isEqualTo(StoreKind.REFS);
        }
        assertThat(git.run("ls-tree", "-r", "--name-only", "entire/checkpoints/v1").text())
                .contains(id.treePath() + "/0/full.jsonl");
    }

    @Test
    void aMirrorFailureIsAWarningAndThePrimaryWriteStands() throws IOException {
        io.entire.core.settings.Settings settings = V2StoreTest.settings(repository,
                "{\"strategy_options\": {\"checkpoint_store\": \"refs-v1-mirror\"}}");
        // A stale lock on the branch ref makes every mirror write fail.
        java.nio.file.Files.createDirectories(repository.gitDir().resolve("refs/heads/entire/checkpoints"));
        java.nio.file.Files.writeString(repository.gitDir().resolve("refs/heads/entire/checkpoints/v1.lock"), "");
        try (StoreSet stores = StoreSet.open(repository, settings, "test", new PushQueue(repository.commonDir()))) {
            CheckpointId id = stores.newCheckpointId(java.time.Clock.systemUTC(), RandomSource.system());
            StoreSetWrite written = stores.write(id, Sessions.content(temp, id, "s1", "x\n", List.of(), List.of()),
                    WriteKind.CHECKPOINT);
            assertThat(written.mirrorWarnings()).singleElement().satisfies(warning -> {
                assertThat(warning.text()).contains(id.value(), "branch mirror");
                assertThat(warning.checkpointId()).contains(id);
            });
            assertThat(stores.find(id)).isPresent();
        }
        assertThat(repository.refs().find(BranchStore.BRANCH)).isEqualTo(Optional.empty());
    }
}
