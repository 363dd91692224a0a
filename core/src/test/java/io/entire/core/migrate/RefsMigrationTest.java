package io.entire.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entire.core.CheckpointFailure;
import io.entire.core.Progress;
import io.entire.core.RandomSource;
import io.entire.core.git.CommitSigning;
import io.entire.core.git.Git;
import io.entire.core.git.GitException;
import io.entire.core.git.GitRepository;
import io.entire.core.git.Identity;
import io.entire.core.git.SigningException;
import io.entire.core.id.CheckpointId;
import io.entire.core.push.PushQueue;
import io.entire.core.store.CheckpointTree;
import io.entire.core.store.StoreSet;
import io.entire.core.store.StoredCheckpoint;
import io.entire.core.store.StoredSession;
import io.entire.core.store.branch.BranchStoreFixtureTest;
import io.entire.core.testing.DamagedCheckpoints;
import io.entire.core.testing.GappedCheckpoint;
import io.entire.core.testing.SyntheticCheckpoints;
import io.entire.core.testing.TestEnvironment;
import io.entire.core.testing.TestRepository;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RefsMigrationTest {
    private static final MigrationOptions WRITE = new MigrationOptions(MigrationOptions.Mode.WRITE, Optional.empty(),
            CommitSigning.configured());

    @TempDir
    Path temp;

    @Test
    void theFortyRealCheckpointsMigrateWithEveryBlobButRootMetadataUnchanged() throws Exception {
        GitRepository repository = TestRepository.upstreamSample(temp.resolve("sample"));
        Git git = repository.git();

        MigrationReport first = migrate(repository, WRITE);
        MigrationReport second = migrate(repository, WRITE);

        assertThat(first.summary()).isEqualTo("migrated 40, skipped 0, failed 0");
        assertThat(second.summary()).isEqualTo("migrated 0, skipped 40, failed 0");
        List<String> refs = git.run("for-each-ref", "--format=%(refname)", "refs/entire/checkpoints/").text()
                .lines().toList();
        assertThat(refs).hasSize(40);
        int verified = 0;
        try (StoreSet stores = StoreSet.forRefsMigration(repository, "test", new PushQueue(repository.commonDir()))) {
            for (String ref : refs) {
                CheckpointId id = CheckpointId.of(ref.substring(ref.lastIndexOf('/') + 1));
                String v1 = id.treePath();
                assertThat(git.run("rev-list", "--count", ref).text()).isEqualTo("1");
                for (String line : git.run("ls-tree", "-r", ref).text().lines().toList()) {
                    String path = line.substring(line.indexOf('\t') + 1);
                    String blob = line.split("\\s+")[2];
                    if (!path.equals("metadata.json")) {
                        assertThat(blob).as(path).isEqualTo(git.run("rev-parse",
                                "entire/checkpoints/v1:" + v1 + "/" + path).text());
                    }
                }
                StoredCheckpoint checkpoint = stores.refStore().orElseThrow().find(id).orElseThrow();
                for (StoredSession session : checkpoint.sessions()) {
                    Optional<String> hash = stores.refStore().get().readText(session, CheckpointTree.CONTENT_HASH);
                    if (session.hasTranscript() && hash.isPresent()
                            && !BranchStoreFixtureTest.STALE_HASHES.contains(id + "/" + session.slot())) {
                        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                        stores.refStore().get().copyTranscript(checkpoint, session, bytes);
                        assertThat("sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                                .digest(bytes.toByteArray()))).isEqualTo(hash.get());
                        verified++;
                    }
                }
            }
        }
        assertThat(verified).isEqualTo(44);
        assertThat(git.run("show", "refs/entire/checkpoints/18/044ed289c318:metadata.json").text())
                .contains("\"metadata\": \"/0/metadata.json\"").doesNotContain("/04/4ed289c318/");
        assertThat(git.run("log", "-1", "--format=%aI %an", "refs/entire/checkpoints/18/044ed289c318").text())
                .isEqualTo("2026-02-15T16:08:35+00:00 Test User");
        assertThat(new PushQueue(repository.commonDir()).entries()).hasSize(40);
        assertThat(git.run("fsck", "--strict").succeeded()).isTrue();
    }

    @Test
    void dryRunWritesNothingAndAuthorCanBeGiven() {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        SyntheticCheckpoints.writeBranch(repository.git(), 25, 1);
        MigrationReport dry = migrate(repository, new MigrationOptions(MigrationOptions.Mode.DRY_RUN, Optional.empty(),
                CommitSigning.never()));
        assertThat(dry.migrated()).isEqualTo(25);
        assertThat(repository.git().run("for-each-ref", "refs/entire/").text()).isEmpty();

        migrate(repository, new MigrationOptions(MigrationOptions.Mode.WRITE,
                Optional.of(Identity.parse("Migrator <m@example.com>")), CommitSigning.never()));
        assertThat(repository.git().run("log", "--format=%an <%ae>", "--glob=refs/entire/checkpoints/*").text()
                .lines().distinct().toList()).containsExactly("Migrator <m@example.com>");
    }

    @Test
    void aCheckpointAddedToV1AfterMigrationIsMigratedOnTopOfItsRef() {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        List<String> ids = SyntheticCheckpoints.writeBranch(repository.git(), 5, 2);
        migrate(repository, WRITE);
        String ref = "refs/entire/checkpoints/" + CheckpointId.of(ids.get(0)).refShard() + "/" + ids.get(0);
        repository.git().run("update-ref", ref, repository.git().run("commit-tree", "-m", "older",
                ref + "^{tree}").text());

        MigrationReport rerun = migrate(repository, WRITE);

        assertThat(rerun.summary()).isEqualTo("migrated 0, skipped 5, failed 0");
    }

    /**
     * Kills the migration with SIGKILL after a delay (anywhere: planning, streaming, between a batch's queueing and
     * its refs moving), or halts its JVM right after batch 1 or 2 was handed to git (a deterministic mid-stream
     * point: the fast-import child then sees its input end without "done").
     */
    @Test
    void checkpointsWrittenInMirrorModeAreAlreadyMigrated() {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        io.entire.core.settings.Settings mirror = io.entire.core.store.v2.V2StoreTest.settings(repository,
                "{\"strategy_options\": {\"checkpoint_store\": \"refs-v1-mirror\"}}");
        try (StoreSet stores = StoreSet.open(repository, mirror, "test", new PushQueue(repository.commonDir()))) {
            for (int i = 0; i < 3; i++) {
                CheckpointId id = stores.newCheckpointId(java.time.Clock.systemUTC(), RandomSource.system());
                stores.write(id, io.entire.core.testing.Sessions.content(temp, id, "s" + i, "{}\n", List.of("f"),
                        List.of("p")), io.entire.core.store.WriteKind.CHECKPOINT);
            }
        }
        String before = repository.git().run("for-each-ref", "refs/entire/").text();

        assertThat(migrate(repository, WRITE).summary()).isEqualTo("migrated 0, skipped 3, failed 0");
        assertThat(repository.git().run("for-each-ref", "refs/entire/").text()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kill:300", "kill:900", "halt:1", "halt:2"})
    void killedAtAnyPointTheRerunCompletesWithoutDuplicates(String how) throws Exception {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        List<String> ids = SyntheticCheckpoints.writeBranch(repository.git(), 1500, how.hashCode());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String[] parts = how.split(":");
        Process victim = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                MigrationRunner.class.getName(), repository.workTree().toString(),
                parts[0].equals("halt") ? parts[1] : "0").redirectErrorStream(true).start();
        java.util.Set<ProcessHandle> children = new java.util.HashSet<>();
        long killAt = System.nanoTime()
                + (parts[0].equals("kill") ? Integer.parseInt(parts[1]) : 120_000L) * 1_000_000L;
        while (victim.isAlive() && System.nanoTime() < killAt) {
            victim.descendants().forEach(children::add);
            Thread.sleep(5);
        }
        if (parts[0].equals("halt")) {
            String output = new String(victim.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(victim.waitFor(1, TimeUnit.MINUTES)).isTrue();
            assertThat(victim.exitValue()).as(output).isEqualTo(137);
        } else {
            victim.destroyForcibly();
            assertThat(victim.waitFor(1, TimeUnit.MINUTES)).isTrue();
        }
        // git processes outlive a killed JVM and finish what they were handed; a user reruns after that.
        for (ProcessHandle child : children) {
            child.onExit().get(1, TimeUnit.MINUTES);
        }

        MigrationReport rerun = migrate(repository, WRITE);
        MigrationReport third = migrate(repository, WRITE);

        assertThat(rerun.failed()).isEmpty();
        assertThat(rerun.migrated() + rerun.skipped()).isEqualTo(1500);
        assertThat(third.summary()).isEqualTo("migrated 0, skipped 1500, failed 0");
        Git git = repository.git();
        List<String> counts = git.run("for-each-ref", "--format=%(refname)", "refs/entire/checkpoints/").text()
                .lines().toList();
        assertThat(counts).hasSize(ids.size());
        assertThat(git.run("rev-list", "--count", "--glob=refs/entire/checkpoints/*").text())
                .as("one commit per checkpoint, none duplicated").isEqualTo("1500");
        assertThat(git.run("fsck", "--strict", "--no-dangling").succeeded()).isTrue();
        assertThat(new PushQueue(repository.commonDir()).entries()).hasSize(1500);
    }

    /**
     * Two v1 checkpoints whose root metadata.json is broken (not JSON) or gone, as a damaged clone or another writer
     * left them: their root metadata is rebuilt from the session slots, as the v2 migration does.
     */
    @Test
    void aBrokenOrMissingRootMetadataIsRebuiltFromTheSessions() {
        GitRepository repository = TestRepository.upstreamSample(temp.resolve("sample"));
        Git git = repository.git();
        List<String> ids = git.run("ls-tree", "-d", "--name-only", "entire/checkpoints/v1").text().lines()
                .flatMap(shard -> git.run("ls-tree", "-d", "--name-only", "entire/checkpoints/v1:" + shard).text()
                        .lines().map(rest -> shard + rest)).limit(2).toList();
        Git scratch = git.withVariables(java.util.Map.of("GIT_INDEX_FILE", temp.resolve("v1-index").toString()));
        scratch.run("read-tree", "entire/checkpoints/v1");
        String broken = git.run(List.of("hash-object", "-w", "--stdin"), "{\"checkpoint_id\": ".getBytes(
                StandardCharsets.UTF_8)).text().strip();
        String first = CheckpointId.of(ids.get(0)).treePath() + "/" + CheckpointTree.METADATA;
        scratch.run("update-index", "--cacheinfo", "100644," + broken + "," + first);
        scratch.run("rm", "-q", "--cached", CheckpointId.of(ids.get(1)).treePath() + "/" + CheckpointTree.METADATA);
        git.run("update-ref", "refs/heads/entire/checkpoints/v1", git.run("commit-tree", scratch.run("write-tree")
                .text().strip(), "-p", "entire/checkpoints/v1", "-m", "damaged").text().strip());

        assertThat(migrate(repository, WRITE).summary()).isEqualTo("migrated 40, skipped 0, failed 0");

        try (StoreSet stores = StoreSet.forRefsMigration(repository, "test", new PushQueue(repository.commonDir()))) {
            for (String id : ids) {
                StoredCheckpoint migrated = stores.primary().find(CheckpointId.of(id)).orElseThrow();
                assertThat(migrated.sessions()).isNotEmpty();
                assertThat(migrated.summary().sessions()).hasSameSizeAs(migrated.sessions())
                        .allSatisfy(entry -> assertThat(entry.metadata()).matches("/[0-9]+/metadata.json"));
                assertThat(migrated.summary().filesTouched()).isEqualTo(migrated.sessions().stream()
                        .flatMap(session -> session.metadata().filesTouched().stream()).distinct().sorted().toList());
            }
        }
        assertThat(migrate(repository, WRITE).summary()).isEqualTo("migrated 0, skipped 40, failed 0");
    }

    @Test
    void aCheckpointLackingABlobOrWithSessionMetadataThatIsNotJsonFailsAloneAndIsNeitherCopiedNorQueued()
            throws IOException {
        GitRepository repository = TestRepository.upstreamSample(temp.resolve("sample"));
        List<CheckpointId> damaged = DamagedCheckpoints.damage(repository, temp.resolve("v1-index"));

        MigrationReport report = migrate(repository, WRITE);

        assertThat(report.summary()).isEqualTo("migrated 38, skipped 0, failed 2");
        assertThat(report.failed()).extracting(CheckpointFailure::checkpointId).containsExactlyInAnyOrder(
                Optional.of(damaged.get(0)), Optional.of(damaged.get(1)));
        assertThat(report.failed()).extracting(CheckpointFailure::category).containsExactlyInAnyOrder(
                CheckpointFailure.Category.MISSING_OBJECT, CheckpointFailure.Category.STORAGE);
        String refs = repository.git().run("for-each-ref", "--format=%(refname)", "refs/entire/").text();
        String queue = Files.readString(repository.commonDir().resolve("entire-checkpoint-push-queue.jsonl"));
        for (CheckpointId id : damaged) {
            assertThat(refs).doesNotContain(id.value());
            assertThat(queue).doesNotContain(id.value());
        }
        assertThat(migrate(repository, WRITE).summary()).isEqualTo("migrated 0, skipped 38, failed 2");
    }

    @Test
    void aKeyThatCannotSignStopsTheMigrationAtItsFirstCommitWithOneReason() {
        GitRepository repository = TestRepository.upstreamSample(temp.resolve("sample"));
        MigrationOptions unusableKey = new MigrationOptions(MigrationOptions.Mode.WRITE, Optional.empty(),
                CommitSigning.withKey("no-such-key@example.com"));

        assertThatThrownBy(() -> migrate(repository, unusableKey)).isInstanceOf(SigningException.class)
                .hasMessageStartingWith("cannot sign commits with key 'no-such-key@example.com': ")
                .hasMessageNotContaining("commit-tree").hasMessageNotContaining("\n");
        assertThat(repository.git().run("for-each-ref", "refs/entire/").text()).isEmpty();
    }

    @Test
    void refsUnderThePrefixShardOfEarlierVersionsMoveToTheLastTwoShardAndARerunConverges() {
        GitRepository repository = TestRepository.upstreamSample(temp.resolve("sample"));
        Map<String, String> tips = withRefsInTheFirstTwoShard(repository);

        MigrationReport moved = migrate(repository, WRITE);
        MigrationReport again = migrate(repository, WRITE);

        assertThat(moved.summary()).isEqualTo("migrated 0, skipped 40, failed 0, moved 40 to the last-two shard");
        assertThat(again.summary()).isEqualTo("migrated 0, skipped 40, failed 0");
        assertThat(checkpointRefs(repository)).as("the same commits, each under its last-two shard").isEqualTo(tips);
        assertThat(new PushQueue(repository.commonDir()).entries()).hasSize(40);
    }

    @Test
    void theRemotesPrefixShardRefsGoOnlyOnceTheLastTwoOnesAreConfirmedThereAndAnOfflineRemoteKeepsThem() {
        GitRepository repository = TestRepository.upstreamSample(temp.resolve("sample"));
        Git git = repository.git();
        migrate(repository, WRITE);
        Map<String, String> tips = new TreeMap<>();
        git.run("for-each-ref", "--format=%(refname) %(objectname)", "refs/entire/checkpoints/").text().lines()
                .forEach(line -> tips.put(line.substring(0, line.indexOf(' ')), line.substring(line.indexOf(' ') + 1)));
        Map<String, String> earlier = new TreeMap<>();
        tips.forEach((ref, commit) -> {
            String id = ref.substring(ref.lastIndexOf('/') + 1);
            String prefixShard = "refs/entire/checkpoints/" + id.substring(0, 2) + "/" + id;
            earlier.put(prefixShard, commit);
            if (!prefixShard.equals(ref)) {
                git.run("update-ref", prefixShard, ref);
                git.run("update-ref", "-d", ref);
            }
        });
        Path remote = temp.resolve("remote.git");
        new Git(temp).run("init", "-q", "--bare", remote.toString());
        git.run("remote", "set-url", "origin", remote.toUri().toString());
        git.run("push", "-q", "origin", "refs/entire/checkpoints/*:refs/entire/checkpoints/*");
        Git onRemote = new Git(remote);
        assertThat(remoteRefs(onRemote)).isEqualTo(earlier);

        git.run("remote", "set-url", "origin", temp.resolve("offline.git").toUri().toString());
        MigrationReport offline = migrate(repository, WRITE);
        git.run("remote", "set-url", "origin", remote.toUri().toString());

        assertThat(offline.summary()).contains("moved 40 to the last-two shard", "origin unreachable");
        assertThat(remoteRefs(onRemote)).as("nothing is deleted where nothing was confirmed").isEqualTo(earlier);

        MigrationReport online = migrate(repository, WRITE);
        MigrationReport again = migrate(repository, WRITE);

        assertThat(online.summary()).contains("removed 40 old refs from origin");
        assertThat(remoteRefs(onRemote)).as("the same commits, each under its last-two shard").isEqualTo(tips);
        assertThat(again.summary()).isEqualTo("migrated 0, skipped 40, failed 0");
    }

    private static Map<String, String> remoteRefs(Git remote) {
        Map<String, String> refs = new TreeMap<>();
        remote.run("for-each-ref", "--format=%(refname) %(objectname)", "refs/entire/checkpoints/").text().lines()
                .forEach(line -> refs.put(line.substring(0, line.indexOf(' ')), line.substring(line.indexOf(' ') + 1)));
        return refs;
    }

    @Test
    void aShardMoveStoppedBetweenCreatingAndDeletingLeavesEveryRefAsItWas() throws IOException {
        GitRepository repository = TestRepository.upstreamSample(temp.resolve("sample"));
        Map<String, String> tips = withRefsInTheFirstTwoShard(repository);
        Map<String, String> earlier = checkpointRefs(repository);
        // git refuses every ref deletion, as if the process died after the new ref was written.
        Path hook = repository.commonDir().resolve("hooks/reference-transaction");
        Files.createDirectories(hook.getParent());
        Files.writeString(hook, "#!/bin/sh\n[ \"$1\" = prepared ] || exit 0\nwhile read -r old new ref; do\n"
                + "  case $new in *[!0]*) ;; *) exit 1 ;; esac\ndone\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwx------"));

        assertThatThrownBy(() -> migrate(repository, WRITE)).isInstanceOf(GitException.class);

        assertThat(checkpointRefs(repository)).as("no ref created without its old one deleted").isEqualTo(earlier);
        Files.delete(hook);
        assertThat(migrate(repository, WRITE).summary())
                .isEqualTo("migrated 0, skipped 40, failed 0, moved 40 to the last-two shard");
        assertThat(checkpointRefs(repository)).isEqualTo(tips);
    }

    /** Moves every checkpoint ref to the shard of its id's first two characters; returns the refs as they were. */
    private Map<String, String> withRefsInTheFirstTwoShard(GitRepository repository) {
        Git git = repository.git();
        migrate(repository, WRITE);
        Map<String, String> tips = checkpointRefs(repository);
        tips.forEach((ref, tip) -> {
            CheckpointId id = CheckpointId.of(ref.substring(ref.lastIndexOf('/') + 1));
            String earlier = "refs/entire/checkpoints/" + id.value().substring(0, 2) + "/" + id;
            if (!earlier.equals(ref)) {
                git.run("update-ref", earlier, ref);
                git.run("update-ref", "-d", ref);
            }
        });
        new PushQueue(repository.commonDir()).removeAll(new PushQueue(repository.commonDir()).entries());
        return tips;
    }

    private static Map<String, String> checkpointRefs(GitRepository repository) {
        Map<String, String> refs = new TreeMap<>();
        repository.git().run("for-each-ref", "--format=%(refname) %(objectname)", "refs/entire/checkpoints/").text()
                .lines().forEach(line -> refs.put(line.substring(0, line.indexOf(' ')),
                        line.substring(line.indexOf(' ') + 1)));
        return refs;
    }

    @Test
    void aCheckpointWithGappedSlotsNamesTheSessionsOfTheFoldersThatExist() {
        GitRepository repository = TestRepository.upstreamSample(temp.resolve("sample"));
        GappedCheckpoint.write(repository.git());

        assertThat(migrate(repository, WRITE).summary()).isEqualTo("migrated 40, skipped 0, failed 0");

        String ref = "refs/entire/checkpoints/" + GappedCheckpoint.ID.refShard() + "/" + GappedCheckpoint.ID;
        assertThat(repository.git().run("log", "-1", "--format=%B", ref).text())
                .contains("Entire-Session: " + GappedCheckpoint.SLOT_2_SESSION)
                .contains("Entire-Session: " + GappedCheckpoint.SLOT_3_SESSION);
        assertThat(repository.git().run("ls-tree", "--name-only", ref).text().lines())
                .containsExactly("0", "2", "3", "metadata.json");
    }

    private static MigrationReport migrate(GitRepository repository, MigrationOptions options) {
        try (StoreSet stores = StoreSet.forRefsMigration(repository, "test", new PushQueue(repository.commonDir()))) {
            return new RefsMigration(repository, stores, options, Progress.NONE).run();
        }
    }

    /** The migration as a separate process, so a test can kill it with SIGKILL. */
    public static final class MigrationRunner {
        private MigrationRunner() {
        }

        public static void main(String[] args) throws IOException {
            GitRepository repository = GitRepository.open(Path.of(args[0]), TestEnvironment.ofThisJvm());
            int haltAfterBatch = Integer.parseInt(args[1]);
            int[] batches = {0};
            Progress halting = (done, total) -> {
                if (++batches[0] == haltAfterBatch) {
                    Runtime.getRuntime().halt(137);
                }
            };
            try (StoreSet stores = StoreSet.forRefsMigration(repository, "test",
                    new PushQueue(repository.commonDir()))) {
                System.out.println(new RefsMigration(repository, stores, WRITE, halting).run().summary());
            }
        }
    }
}
