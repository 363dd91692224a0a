package io.entire.core.store.v2;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.RandomSource;
import io.entire.core.git.Git;
import io.entire.core.git.GitRepository;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import io.entire.core.push.PushQueue;
import io.entire.core.settings.Settings;
import io.entire.core.settings.SettingsLoader;
import io.entire.core.store.CompactTranscripts;
import io.entire.core.store.SessionContent;
import io.entire.core.store.StoreKind;
import io.entire.core.store.StoreSet;
import io.entire.core.store.StoreSetWrite;
import io.entire.core.store.StoredCheckpoint;
import io.entire.core.store.SubagentTask;
import io.entire.core.store.WriteKind;
import io.entire.core.testing.Sessions;
import io.entire.core.testing.TestEnvironment;
import io.entire.core.testing.TestRepository;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class V2StoreTest {
    static final String V2_ON = "{\"strategy_options\": {\"checkpoints_v2\": true}}";
    static final String V2_OFF = "{\"strategy_options\": {\"checkpoints_v2\": false}}";

    @TempDir
    Path temp;
    GitRepository repository;
    Git git;

    @BeforeEach
    void createRepository() {
        repository = TestRepository.withCommit(temp.resolve("repo"));
        git = repository.git();
    }

    private StoreSet stores(String settings, int generationSize) {
        return StoreSet.open(repository, settings(repository, settings), "test",
                new PushQueue(repository.commonDir()), CompactTranscripts.NONE,
                generationSize);
    }

    /** The settings a repository gets from a real .entire/settings.json. */
    public static Settings settings(GitRepository repository, String json) {
        try {
            Files.createDirectories(repository.workTree().resolve(".entire"));
            Files.writeString(repository.workTree().resolve(".entire/settings.json"), json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return SettingsLoader.load(repository.workTree());
    }

    private SessionContent session(CheckpointId id, String sessionId, String transcript) throws IOException {
        SessionContent content = Sessions.content(temp, id, sessionId, transcript, List.of("a.txt"), List.of("p"));
        Path compact = Files.writeString(temp.resolve(sessionId + ".compact"), "{\"v\":1,\"type\":\"user\"}\n");
        return new SessionContent(content.metadata(), content.transcript(), Optional.of(compact), content.prompts());
    }

    @Test
    void dualWriteSplitsTheCheckpointAcrossMainAndFullCurrent() throws Exception {
        CheckpointId id = CheckpointId.of("a3b2c4d5e6f7");
        try (StoreSet stores = stores(V2_ON, 100)) {
            StoreSetWrite written = stores.write(id, session(id, "s1", "{\"raw\":1}\n"), WriteKind.CHECKPOINT);
            assertThat(written.mirrorWarnings()).isEmpty();
        }
        assertThat(git.run("ls-tree", "-r", "--name-only", "entire/checkpoints/v1").text())
                .contains("a3/b2c4d5e6f7/0/full.jsonl");
        assertThat(git.run("ls-tree", "-r", "--name-only", V2Refs.MAIN.name()).text().lines().toList())
                .containsExactly("a3/b2c4d5e6f7/0/metadata.json", "a3/b2c4d5e6f7/0/prompt.txt",
                        "a3/b2c4d5e6f7/0/transcript.jsonl", "a3/b2c4d5e6f7/0/transcript_hash.txt",
                        "a3/b2c4d5e6f7/metadata.json");
        assertThat(git.run("ls-tree", "-r", "--name-only", V2Refs.CURRENT.name()).text().lines().toList())
                .containsExactly("a3/b2c4d5e6f7/0/raw_transcript", "a3/b2c4d5e6f7/0/raw_transcript_hash.txt",
                        "generation.json");
        assertThat(git.run("show", V2Refs.CURRENT.name() + ":generation.json").text())
                .contains("\"checkpoints\": [\n    \"a3b2c4d5e6f7\"\n  ]", "\"oldest_checkpoint_at\"");
        assertThat(git.run("show", V2Refs.MAIN.name() + ":a3/b2c4d5e6f7/metadata.json").text())
                .contains("\"checkpoints_version\": \"v2-1\"",
                        "\"compact_transcript\": \"/a3/b2c4d5e6f7/0/transcript.jsonl\"");
        assertThat(git.run("show", V2Refs.MAIN.name() + ":a3/b2c4d5e6f7/0/transcript_hash.txt").text())
                .isEqualTo("sha256:" + sha256("{\"v\":1,\"type\":\"user\"}\n"));
        assertThat(git.run("log", "--format=%s", V2Refs.MAIN.name()).text())
                .isEqualTo("Checkpoint: a3b2c4d5e6f7\nInitialize v2 ref");
        try (StoreSet stores = stores(V2_ON, 100)) {
            V2Store v2 = stores.v2Store().orElseThrow();
            StoredCheckpoint stored = v2.find(id).orElseThrow();
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            v2.copyTranscript(stored, stored.sessions().get(0), raw);
            assertThat(raw.toString(StandardCharsets.UTF_8)).isEqualTo("{\"raw\":1}\n");
        }
        assertThat(git.run("fsck", "--strict").succeeded()).isTrue();
    }

    @Test
    void theMirrorKeepsTheSubagentRecordsOfEverySession() throws IOException {
        CheckpointId id = CheckpointId.of("a3b2c4d5e6f7");
        Path subagent = Files.writeString(temp.resolve("subagent.jsonl"), "{\"type\":\"user\"}\n");
        try (StoreSet stores = stores(V2_ON, 100)) {
            stores.write(id, withTask(session(id, "s1", "one\n"), new SubagentTask(SessionId.of("s1"), "toolu_1",
                    "line-1", "ab94da7", Optional.of(subagent))), WriteKind.CHECKPOINT);
            StoreSetWrite written = stores.write(id, withTask(session(id, "s2", "two\n"), new SubagentTask(
                    SessionId.of("s2"), "toolu_2", "line-9", "cd12", Optional.empty())), WriteKind.CHECKPOINT);
            assertThat(written.mirrorWarnings()).isEmpty();
        }
        String v1Tasks = git.run("ls-tree", "-r", "entire/checkpoints/v1:a3/b2c4d5e6f7/tasks").text();
        assertThat(v1Tasks).contains("toolu_1/agent-ab94da7.jsonl", "toolu_1/checkpoint.json",
                "toolu_2/checkpoint.json");
        assertThat(git.run("ls-tree", "-r", V2Refs.MAIN.name() + ":a3/b2c4d5e6f7/tasks").text())
                .as("the same records, blob for blob").isEqualTo(v1Tasks);
    }

    private static SessionContent withTask(SessionContent content, SubagentTask task) {
        return new SessionContent(content.metadata(), content.transcript(), content.compactTranscript(),
                content.prompts(), List.of(task));
    }

    @Test
    void withTheSettingOffNoV2RefIsCreated() throws IOException {
        CheckpointId id = CheckpointId.of("a3b2c4d5e6f7");
        try (StoreSet stores = stores(V2_OFF, 100)) {
            stores.write(id, session(id, "s1", "x\n"), WriteKind.CHECKPOINT);
        }
        assertThat(git.run("for-each-ref", "refs/entire/").text()).isEmpty();
    }

    @Test
    void aV2FailureLeavesV1CorrectAndTheWriteSuccessful() throws IOException {
        CheckpointId id = CheckpointId.of("a3b2c4d5e6f7");
        Files.createDirectories(repository.gitDir().resolve("refs/entire/checkpoints/v2"));
        Files.writeString(repository.gitDir().resolve("refs/entire/checkpoints/v2/main.lock"), "");
        try (StoreSet stores = stores(V2_ON, 100)) {
            StoreSetWrite written = stores.write(id, session(id, "s1", "x\n"), WriteKind.CHECKPOINT);
            assertThat(written.mirrorWarnings()).singleElement().satisfies(warning -> {
                assertThat(warning.text()).contains("a3b2c4d5e6f7", "v2 mirror");
                assertThat(warning.checkpointId()).contains(id);
            });
            assertThat(stores.find(id).orElseThrow().store().kind()).isEqualTo(StoreKind.BRANCH);
        }
        assertThat(repository.refs().find(V2Refs.MAIN)).isEmpty();
    }

    @Test
    void rotationArchivesFullGenerationsAndContinuesNumbering() throws IOException {
        git.run("update-ref", V2Refs.archive(5).name(), "HEAD");       // an archive some earlier writer left
        git.run("update-ref", V2Refs.FULL_PREFIX + "12345", "HEAD");    // not 13 digits: does not count
        List<CheckpointId> ids = new ArrayList<>();
        try (StoreSet stores = stores(V2_ON, 3)) {
            for (int i = 0; i < 7; i++) {
                CheckpointId id = CheckpointId.newLegacy(RandomSource.system());
                ids.add(id);
                stores.write(id, session(id, "s" + i, "{\"n\":" + i + "}\n"), WriteKind.CHECKPOINT);
            }
            V2Store v2 = stores.v2Store().orElseThrow();
            assertThat(v2.archives().keySet()).containsExactly(5L, 6L, 7L);
            for (int i = 0; i < ids.size(); i++) {
                StoredCheckpoint stored = v2.find(ids.get(i)).orElseThrow();
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                v2.copyTranscript(stored, stored.sessions().get(0), raw);
                assertThat(raw.toString(StandardCharsets.UTF_8)).isEqualTo("{\"n\":" + i + "}\n");
            }
        }
        assertThat(git.run("show", V2Refs.archive(6).name() + ":generation.json").text())
                .contains(ids.get(0).value(), ids.get(2).value());
        assertThat(git.run("show", V2Refs.CURRENT.name() + ":generation.json").text()).contains(ids.get(6).value());
        assertThat(git.run("log", "-1", "--format=%s", V2Refs.archive(7).name()).text())
                .isEqualTo("Archive generation");
        assertThat(git.run("log", "--format=%s", V2Refs.CURRENT.name()).text()).endsWith("Start generation");
    }

    @Test
    void aRotationWhoseResetGitRefusesArchivesNothing() throws IOException {
        // git refuses to reset /full/current to a new generation (a root commit), as if the process died before it.
        Path hook = repository.commonDir().resolve("hooks/reference-transaction");
        Files.createDirectories(hook.getParent());
        Files.writeString(hook, "#!/bin/sh\n[ \"$1\" = prepared ] || exit 0\nwhile read -r old new ref; do\n"
                + "  case $old in *[!0]*) ;; *) continue ;; esac\n"
                + "  if [ \"$ref\" = " + V2Refs.CURRENT.name() + " ]"
                + " && ! git rev-parse -q --verify \"$new^\" >/dev/null; then exit 1; fi\ndone\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwx------"));
        List<CheckpointId> ids = new ArrayList<>();
        try (StoreSet stores = stores(V2_ON, 3)) {
            for (int i = 0; i < 4; i++) {
                CheckpointId id = CheckpointId.newLegacy(RandomSource.system());
                ids.add(id);
                stores.write(id, session(id, "s" + i, "{\"n\":" + i + "}\n"), WriteKind.CHECKPOINT);
            }
            V2Store v2 = stores.v2Store().orElseThrow();

            assertThat(v2.archives()).as("no archive beside a generation that was not reset").isEmpty();
            ids.forEach(id -> assertThat(v2.find(id)).isPresent());
        }
    }

    @Test
    void finalizationDoesNotTouchTheGeneration() throws IOException {
        CheckpointId id = CheckpointId.of("a3b2c4d5e6f7");
        try (StoreSet stores = stores(V2_ON, 100)) {
            stores.write(id, session(id, "s1", "x\n"), WriteKind.CHECKPOINT);
            String before = git.run("rev-parse", V2Refs.CURRENT.name() + ":generation.json").text();
            stores.write(id, session(id, "s1", "x\ny\n"), WriteKind.FINALIZE);
            assertThat(git.run("rev-parse", V2Refs.CURRENT.name() + ":generation.json").text()).isEqualTo(before);
        }
        assertThat(git.run("log", "-1", "--format=%s", V2Refs.CURRENT.name()).text())
                .as("only the raw transcript changed, so only /full/current got a commit")
                .isEqualTo("Finalize checkpoint: a3b2c4d5e6f7");
        assertThat(git.run("log", "-1", "--format=%s", V2Refs.MAIN.name()).text())
                .isEqualTo("Checkpoint: a3b2c4d5e6f7");
    }

    @Test
    void addingToACheckpointThatExistsOnlyInV1BackfillsEverySession() throws IOException {
        CheckpointId id = CheckpointId.of("a3b2c4d5e6f7");
        try (StoreSet stores = stores(V2_OFF, 100)) {
            stores.write(id, session(id, "s1", "one\n"), WriteKind.CHECKPOINT);
            stores.write(id, session(id, "s2", "two\n"), WriteKind.CHECKPOINT);
        }
        try (StoreSet stores = stores(V2_ON, 100)) {
            stores.write(id, session(id, "s3", "three\n"), WriteKind.CHECKPOINT);
            StoredCheckpoint v2 = stores.v2Store().orElseThrow().find(id).orElseThrow();
            assertThat(v2.sessions()).extracting(session -> session.metadata().sessionId().value())
                    .containsExactly("s1", "s2", "s3");
            assertThat(v2.sessions()).allSatisfy(session -> assertThat(session.hasTranscript()).isTrue());
        }
    }

    @Test
    void twoWritersCrossingTheThresholdAtOnceMakeOneArchiveAndLoseNothing() throws Exception {
        settings(repository, V2_ON); // written once here: writers that each rewrote it could read it half-written
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            writers.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    V2Writer.class.getName(), repository.workTree().toString(), "writer" + w, "5", "10")
                    .redirectErrorStream(true).start());
        }
        Set<String> written = new HashSet<>();
        for (Process writer : writers) {
            String output = new String(writer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(writer.waitFor(3, TimeUnit.MINUTES)).isTrue();
            assertThat(writer.exitValue()).as(output).isZero();
            written.addAll(output.lines().toList());
        }
        try (StoreSet stores = stores(V2_ON, 10)) {
            V2Store v2 = stores.v2Store().orElseThrow();
            assertThat(v2.archives()).as("10 checkpoints with a threshold of 10: one archive").hasSize(1);
            assertThat(v2.ids()).extracting(CheckpointId::value).containsExactlyInAnyOrderElementsOf(written);
            for (CheckpointId id : v2.ids()) {
                assertThat(v2.find(id).orElseThrow().sessions().get(0).hasTranscript()).as(id.value()).isTrue();
            }
        }
        assertThat(git.run("fsck", "--strict").succeeded()).isTrue();
    }

    /** The JDK's digest, as the judge of the one the store uses. */
    private static String sha256(String text) throws NoSuchAlgorithmException {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** A separate process: writes N new checkpoints with v2 on and a given generation size. */
    public static final class V2Writer {
        private V2Writer() {
        }

        public static void main(String[] args) throws IOException {
            GitRepository repository = GitRepository.open(Path.of(args[0]), TestEnvironment.ofThisJvm());
            try (StoreSet stores = StoreSet.open(repository, SettingsLoader.load(repository.workTree()), "test",
                    new PushQueue(repository.commonDir()),
                    CompactTranscripts.NONE,
                    Integer.parseInt(args[3]))) {
                for (int i = 0; i < Integer.parseInt(args[2]); i++) {
                    CheckpointId id = CheckpointId.newLegacy(RandomSource.system());
                    stores.write(id, Sessions.content(repository.workTree().resolve(".git/test-scratch"), id,
                            args[1] + "-" + i, "{\"n\":" + i + "}\n", List.of(), List.of()), WriteKind.CHECKPOINT);
                    System.out.println(id);
                }
            }
        }
    }
}
