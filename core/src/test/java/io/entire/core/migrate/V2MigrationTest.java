package io.entire.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.CheckpointFailure;
import io.entire.core.Progress;
import io.entire.core.agent.claudecode.ClaudeCompactTranscripts;
import io.entire.core.git.CommitSigning;
import io.entire.core.git.Git;
import io.entire.core.git.GitRepository;
import io.entire.core.id.CheckpointId;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonValue;
import io.entire.core.push.PushQueue;
import io.entire.core.settings.Settings;
import io.entire.core.store.CheckpointTree;
import io.entire.core.store.CompactTranscripts;
import io.entire.core.store.StoreSet;
import io.entire.core.store.StoredCheckpoint;
import io.entire.core.store.StoredSession;
import io.entire.core.store.WriteKind;
import io.entire.core.store.branch.BranchStoreFixtureTest;
import io.entire.core.store.v2.V2Refs;
import io.entire.core.store.v2.V2Store;
import io.entire.core.store.v2.V2StoreTest;
import io.entire.core.testing.DamagedCheckpoints;
import io.entire.core.testing.GappedCheckpoint;
import io.entire.core.testing.Sessions;
import io.entire.core.testing.SyntheticCheckpoints;
import io.entire.core.testing.TestEnvironment;
import io.entire.core.testing.TestRepository;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class V2MigrationTest {
    private static final MigrationOptions WRITE = new MigrationOptions(MigrationOptions.Mode.WRITE, Optional.empty(),
            CommitSigning.never());

    @TempDir
    Path temp;

    @Test
    void theFortyRealCheckpointsMigrateWithEveryRawTranscriptIntactAndARerunWritesNothing() throws Exception {
        GitRepository repository = TestRepository.upstreamSample(temp.resolve("sample"));
        Git git = repository.git();

        MigrationReport first = migrate(repository, V2MigrationPlanner.Scope.MISSING, 10);
        String refsAfterFirst = v2Refs(git);
        MigrationReport second = migrate(repository, V2MigrationPlanner.Scope.MISSING, 10);

        assertThat(first.summary()).isEqualTo("migrated 40, skipped 0, failed 0");
        assertThat(second.summary()).isEqualTo("migrated 0, skipped 40, failed 0");
        assertThat(v2Refs(git)).as("no new commit on any v2 ref, no new archive").isEqualTo(refsAfterFirst);
        assertThat(git.run("for-each-ref", "--format=%(refname)", V2Refs.FULL_PREFIX).text().lines().toList())
                .as("40 checkpoints with raw transcripts: 4 full archives of 10")
                .containsExactly(V2Refs.archive(1).name(), V2Refs.archive(2).name(), V2Refs.archive(3).name(),
                        V2Refs.archive(4).name());
        assertThat(git.run("show", V2Refs.archive(4).name() + ":generation.json").text())
                .contains("oldest_checkpoint_at", "newest_checkpoint_at");
        assertEveryRawTranscriptVerifies(repository);
        assertNoSessionPackedTwice(git);
        assertThat(git.run("ls-tree", "-r", "--name-only", V2Refs.MAIN.name()).text())
                .as("compact transcripts were rebuilt from v1").contains("/0/transcript.jsonl", "/transcript_hash.txt")
                .as("raw transcripts go to /full, the legacy context to /main").doesNotContain("full.jsonl")
                .contains("/0/context.md");
        assertThat(git.run("fsck", "--strict", "--no-dangling").succeeded()).isTrue();
    }

    /**
     * Two sessions with raw transcripts, one slot with only metadata, a stale content hash, and (f6a415abf2b0) two
     * slots that share one session id, which both paths keep apart.
     */
    @ParameterizedTest
    @ValueSource(strings = {"0e053674f90a", "044ed289c318", "d9e47174f862", "f6a415abf2b0"})
    void aMigratedFolderIsExactlyWhatDualWriteProduces(String checkpoint) {
        GitRepository migrated = TestRepository.upstreamSample(temp.resolve("migrated"));
        GitRepository mirrored = TestRepository.upstreamSample(temp.resolve("mirrored"));
        CheckpointId id = CheckpointId.of(checkpoint);
        migrate(migrated, V2MigrationPlanner.Scope.MISSING, 100);
        try (StoreSet stores = StoreSet.forV2Migration(mirrored, "test",
                new ClaudeCompactTranscripts("test")::build, 100)) {
            StoredCheckpoint v1 = stores.primary().find(id).orElseThrow();
            stores.v2Store().orElseThrow().mirror(v1, WriteKind.CHECKPOINT,
                    new ClaudeCompactTranscripts("test")::build);
        }
        assertThat(migrated.git().run("rev-parse", V2Refs.MAIN.name() + ":" + id.treePath()).text())
                .isEqualTo(mirrored.git().run("rev-parse", V2Refs.MAIN.name() + ":" + id.treePath()).text());
        String archive = migrated.git().run("for-each-ref", "--format=%(refname)", V2Refs.FULL_PREFIX).text().lines()
                .filter(ref -> migrated.git().tryRun(List.of("rev-parse", "--verify", "-q", ref + ":" + id.treePath()),
                        null).succeeded()).findFirst().orElseThrow();
        assertThat(migrated.git().run("rev-parse", archive + ":" + id.treePath()).text())
                .isEqualTo(mirrored.git().run("rev-parse", V2Refs.CURRENT.name() + ":" + id.treePath()).text());
    }

    @Test
    void forceRebuildsEverythingWithoutDuplicatesAndKeepsArchiveNumbersGrowing() throws Exception {
        GitRepository repository = TestRepository.upstreamSample(temp.resolve("sample"));
        Git git = repository.git();
        migrate(repository, V2MigrationPlanner.Scope.MISSING, 10);

        MigrationReport forced = migrate(repository, V2MigrationPlanner.Scope.EVERYTHING, 10);
        MigrationReport rerun = migrate(repository, V2MigrationPlanner.Scope.MISSING, 10);

        assertThat(forced.summary()).isEqualTo("migrated 40, skipped 0, failed 0");
        assertThat(rerun.summary()).isEqualTo("migrated 0, skipped 40, failed 0");
        assertThat(git.run("for-each-ref", "--format=%(refname)", V2Refs.FULL_PREFIX).text().lines().toList())
                .as("the emptied archives 1-4 are gone; the rebuild is in 5-8")
                .containsExactly(V2Refs.archive(5).name(), V2Refs.archive(6).name(), V2Refs.archive(7).name(),
                        V2Refs.archive(8).name());
        assertEveryRawTranscriptVerifies(repository);
        assertNoSessionPackedTwice(git);
        assertThat(git.run("fsck", "--strict", "--no-dangling").succeeded()).isTrue();
    }

    @Test
    void dryRunWritesNothing() {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        SyntheticCheckpoints.writeBranch(repository.git(), 25, 1);
        MigrationReport dry;
        try (StoreSet stores = StoreSet.forV2Migration(repository, "test",
                new ClaudeCompactTranscripts("test")::build, 10)) {
            dry = new V2Migration(repository, stores, new MigrationOptions(MigrationOptions.Mode.DRY_RUN,
                    Optional.empty(), CommitSigning.never()), V2MigrationPlanner.Scope.MISSING,
                    Progress.NONE).run();
        }
        assertThat(dry.migrated()).isEqualTo(25);
        assertThat(repository.git().run("for-each-ref", "refs/entire/").text()).isEmpty();
    }

    /**
     * Kills the migration with SIGKILL after a delay, or halts its JVM right after the n-th step was handed to git:
     * 1 is {@code /main} written (and durable) and no raw transcript packed yet, 3 is two archives handed to git but
     * not yet durable (archives become durable at most once a second).
     */
    @ParameterizedTest
    @ValueSource(strings = {"kill:400", "kill:1200", "halt:1", "halt:3"})
    void killedAtAnyPointTheRerunCompletesWithoutDuplicates(String how) throws Exception {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        SyntheticCheckpoints.writeBranch(repository.git(), 1500, how.hashCode());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String[] parts = how.split(":");
        Process victim = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                MigrationRunner.class.getName(), repository.workTree().toString(),
                parts[0].equals("halt") ? parts[1] : "0").redirectErrorStream(true).start();
        Set<ProcessHandle> children = new HashSet<>();
        long killAt = System.nanoTime() + (parts[0].equals("kill") ? Integer.parseInt(parts[1]) : 60_000L) * 1_000_000L;
        while (victim.isAlive() && System.nanoTime() < killAt) {
            victim.descendants().forEach(children::add);
            Thread.sleep(5);
        }
        victim.destroyForcibly();
        assertThat(victim.waitFor(1, TimeUnit.MINUTES)).isTrue();
        for (ProcessHandle child : children) {
            child.onExit().get(1, TimeUnit.MINUTES);   // git finishes what it was handed; a user reruns after that
        }
        if (parts[0].equals("halt")) {
            assertThat(victim.exitValue()).isEqualTo(137);
        }
        Git git = repository.git();
        if (how.equals("halt:1")) {
            assertThat(repository.refs().find(V2Refs.MAIN)).isPresent();
            assertThat(git.run("for-each-ref", V2Refs.FULL_PREFIX).text())
                    .as("killed between /main and /full").isEmpty();
        }

        MigrationReport rerun = migrate(repository, V2MigrationPlanner.Scope.MISSING, 100);
        MigrationReport third = migrate(repository, V2MigrationPlanner.Scope.MISSING, 100);

        assertThat(rerun.failed()).isEmpty();
        assertThat(third.summary()).isEqualTo("migrated 0, skipped 1500, failed 0");
        assertThat(git.run("for-each-ref", "--format=%(refname)", V2Refs.FULL_PREFIX).text().lines()
                .filter(ref -> !ref.equals(V2Refs.CURRENT.name())).toList()).as("no extra archive").hasSize(15);
        assertThat(git.run("ls-tree", "--name-only", V2Refs.MAIN.name()).text().lines().count()).isPositive();
        assertThat(git.run("rev-list", "--count", V2Refs.MAIN.name()).text()).as("at most two /main commits")
                .isIn("1", "2");
        assertThat(assertNoSessionPackedTwice(git)).isEqualTo(1500);
        assertThat(git.run("fsck", "--strict", "--no-dangling").succeeded()).isTrue();
    }

    /**
     * A live write (an attach, or post-commit with checkpoints_v2 on) lands on {@code /main} and {@code /full/current}
     * while the migration streams, so fast-import refuses to move both: the migration's commits are merged onto the
     * moved tips instead, and nothing fails.
     */
    @Test
    void aCheckpointWrittenWhileTheMigrationStreamsIsKeptAndNothingFails() throws Exception {
        GitRepository repository = TestRepository.upstreamSample(temp.resolve("sample"));
        Settings v2On = V2StoreTest.settings(repository, "{\"strategy_options\": {\"checkpoints_v2\": true}}");
        CheckpointId live = CheckpointId.of("0123456789ab");
        ClaudeCompactTranscripts compacts = new ClaudeCompactTranscripts("test");
        boolean[] writtenMeanwhile = {false};
        CompactTranscripts writingMeanwhile = (id, raw) -> {
            if (!writtenMeanwhile[0]) {   // the migration builds compact transcripts while it streams /main
                writtenMeanwhile[0] = true;
                try (StoreSet stores = StoreSet.open(repository, v2On, "test", new PushQueue(repository.commonDir()))) {
                    stores.write(live, Sessions.content(temp.resolve("live"), live, "live-session", "{\"live\":1}\n",
                            List.of("live.txt"), List.of("live prompt")), WriteKind.CHECKPOINT);
                }
            }
            return compacts.build(id, raw);
        };

        MigrationReport report;
        try (StoreSet stores = StoreSet.forV2Migration(repository, "test", writingMeanwhile, 100)) {
            report = new V2Migration(repository, stores, WRITE, V2MigrationPlanner.Scope.MISSING,
                    Progress.NONE).run();
        }

        assertThat(writtenMeanwhile[0]).isTrue();
        assertThat(report.summary()).isEqualTo("migrated 40, skipped 0, failed 0");
        try (StoreSet stores = StoreSet.forV2Migration(repository, "test", CompactTranscripts.NONE, 100)) {
            V2Store v2 = stores.v2Store().orElseThrow();
            assertThat(v2.ids()).hasSize(41).contains(live);
            int transcripts = 0;
            for (CheckpointId id : v2.ids()) {
                StoredCheckpoint checkpoint = v2.find(id).orElseThrow();
                assertThat(checkpoint.sessions()).hasSameSizeAs(stores.primary().find(id).orElseThrow().sessions());
                for (StoredSession session : checkpoint.sessions()) {
                    if (session.hasTranscript()) {
                        ByteArrayOutputStream raw = new ByteArrayOutputStream();
                        v2.copyTranscript(checkpoint, session, raw);
                        assertThat(raw.size()).as(id + "/" + session.slot()).isPositive();
                        transcripts++;
                    }
                }
            }
            assertThat(transcripts).as("every session's, the live one's too").isEqualTo(stores.primary().ids().stream()
                    .mapToLong(id -> stores.primary().find(id).orElseThrow().sessions().stream()
                            .filter(StoredSession::hasTranscript).count()).sum());
        }
        assertThat(migrate(repository, V2MigrationPlanner.Scope.MISSING, 100).summary())
                .as("the live checkpoint went to v1 as well").isEqualTo("migrated 0, skipped 41, failed 0");
        assertThat(repository.git().run("fsck", "--strict").succeeded()).isTrue();
    }

    /**
     * A v1 checkpoint whose raw transcript is a symlink (tree entry mode 120000), as a hostile or broken writer could
     * commit it: its "content" is a path, so it is reported and left out, and the rest of the checkpoint migrates.
     */
    @Test
    void aSymlinkedTranscriptIsReportedAndLeftOut() {
        GitRepository repository = TestRepository.upstreamSample(temp.resolve("sample"));
        Git git = repository.git();
        String shard = git.run("ls-tree", "-d", "--name-only", "entire/checkpoints/v1").text().lines().findFirst()
                .orElseThrow();
        CheckpointId id = CheckpointId.of(shard + git.run("ls-tree", "-d", "--name-only", "entire/checkpoints/v1:"
                + shard).text().lines().findFirst().orElseThrow());
        Git scratch = git.withVariables(java.util.Map.of("GIT_INDEX_FILE", temp.resolve("v1-index").toString()));
        scratch.run("read-tree", "entire/checkpoints/v1");
        String target = git.run(List.of("hash-object", "-w", "--stdin"), "/etc/passwd".getBytes(
                java.nio.charset.StandardCharsets.UTF_8)).text().strip();
        scratch.run("update-index", "--add", "--cacheinfo", "120000," + target + "," + id.treePath() + "/0/full.jsonl");
        git.run("update-ref", "refs/heads/entire/checkpoints/v1", git.run("commit-tree", scratch.run("write-tree")
                .text().strip(), "-p", "entire/checkpoints/v1", "-m", "symlinked").text().strip());

        MigrationReport report = migrate(repository, V2MigrationPlanner.Scope.MISSING, 10);

        assertThat(report.failed()).singleElement().satisfies(failure -> {
            assertThat(failure.text()).isEqualTo(id + ": 0/full.jsonl is not a regular file (a symlink?); left out");
            assertThat(failure.checkpointId()).contains(id);
            assertThat(failure.category()).isEqualTo(CheckpointFailure.Category.STORAGE);
        });
        try (StoreSet stores = StoreSet.forV2Migration(repository, "test", CompactTranscripts.NONE, 10)) {
            StoredCheckpoint migrated = stores.v2Store().orElseThrow().find(id).orElseThrow();
            assertThat(migrated.sessions().get(0).hasTranscript()).isFalse();
        }
        for (String ref : git.run("for-each-ref", "--format=%(refname)", V2Refs.PREFIX).text().lines().toList()) {
            assertThat(git.run("ls-tree", "-r", ref).text()).as(ref).doesNotContain("120000", target);
        }
    }

    @Test
    void aCheckpointLackingABlobOrWithSessionMetadataThatIsNotJsonFailsAloneAndTheRestMigrate() throws IOException {
        GitRepository repository = TestRepository.upstreamSample(temp.resolve("sample"));
        List<CheckpointId> damaged = DamagedCheckpoints.damage(repository, temp.resolve("v1-index"));

        MigrationReport report = migrate(repository, V2MigrationPlanner.Scope.MISSING, 100);

        assertThat(report.summary()).isEqualTo("migrated 38, skipped 0, failed 2");
        assertThat(report.failed()).extracting(CheckpointFailure::checkpointId).containsExactlyInAnyOrder(
                Optional.of(damaged.get(0)), Optional.of(damaged.get(1)));
        String main = repository.git().run("ls-tree", "-r", "--name-only", V2Refs.MAIN.name()).text();
        for (CheckpointId id : damaged) {
            assertThat(main).doesNotContain(id.treePath() + "/");
        }
        assertThat(repository.git().run("fsck", "--connectivity-only", "--no-dangling", V2Refs.MAIN.name())
                .succeeded()).isTrue();
    }

    private static MigrationReport migrate(GitRepository repository, V2MigrationPlanner.Scope scope,
            int generationSize) {
        try (StoreSet stores = StoreSet.forV2Migration(repository, "test", new ClaudeCompactTranscripts("test")::build,
                generationSize)) {
            return new V2Migration(repository, stores, WRITE, scope, Progress.NONE).run();
        }
    }

    /**
     * A tree walk over every v1 checkpoint of the real sample (with a gapped variant and one holding subagent
     * records): every file is in v2, byte for byte, at its place (raw transcripts and their hashes on {@code /full},
     * the rest on {@code /main}, under the slot the session got there), and every root key keeps its value.
     */
    @Test
    void everythingAV1CheckpointHoldsIsInItsV2Checkpoint() {
        GitRepository repository = TestRepository.upstreamSample(temp.resolve("sample"));
        Git git = repository.git();
        GappedCheckpoint.write(git);
        addTaskRecords(git, "d9/e47174f862");

        assertThat(migrate(repository, V2MigrationPlanner.Scope.MISSING, 10).summary())
                .isEqualTo("migrated 40, skipped 0, failed 0");

        Map<String, String> v1 = files(git, "entire/checkpoints/v1");
        Map<String, String> main = files(git, V2Refs.MAIN.name());
        Map<String, String> full = new HashMap<>();
        git.run("for-each-ref", "--format=%(refname)", V2Refs.FULL_PREFIX).text().lines()
                .forEach(ref -> full.putAll(files(git, ref)));
        int compared = 0;
        for (Map.Entry<String, String> file : v1.entrySet()) {
            String[] parts = file.getKey().split("/", 4);
            if (parts.length < 3) {
                continue;
            }
            String folder = parts[0] + "/" + parts[1];
            String rest = file.getKey().substring(folder.length() + 1);
            if (rest.equals("metadata.json")) {
                assertRootKept(git, folder);
            } else if (CheckpointTree.slotNumber(parts[2]) >= 0 && parts.length == 4) {
                String slot = folder + "/" + mainSlot(git, main, folder, Integer.parseInt(parts[2])) + "/";
                String name = parts[3];
                if (name.equals("metadata.json")) {
                    JsonObject before = json(git, "entire/checkpoints/v1:" + file.getKey());
                    JsonObject after = json(git, V2Refs.MAIN.name() + ":" + slot + name);
                    assertThat(after.members()).as(file.getKey()).containsAllEntriesOf(before.members());
                } else if (name.startsWith("full.jsonl") || name.startsWith("full.log")) {
                    assertThat(full).as(file.getKey()).containsEntry(slot + V2Store.RAW + name.substring(
                            name.startsWith("full.jsonl") ? "full.jsonl".length() : "full.log".length()),
                            file.getValue());
                } else if (name.equals(CheckpointTree.CONTENT_HASH)) {
                    assertThat(full).as(file.getKey()).containsEntry(slot + V2Store.RAW_HASH, file.getValue());
                } else {
                    assertThat(main).as(file.getKey()).containsEntry(slot + name, file.getValue());
                }
            } else {
                assertThat(main).as(file.getKey()).containsEntry(file.getKey(), file.getValue());
            }
            compared++;
        }
        assertThat(compared).isGreaterThan(300);
        assertThat(main).containsKey("d9/e47174f862/tasks/toolu_01XbW1pXWmL5bEJm3nT4kDqa/checkpoint.json");
        assertThat(json(git, V2Refs.MAIN.name() + ":04/4ed289c318/1/metadata.json").findLong(
                V2MigrationPlanner.V1_SLOT)).as("the gapped slot 2 is slot 1 on /main and says so").contains(2L);
        assertThat(migrate(repository, V2MigrationPlanner.Scope.MISSING, 10).summary())
                .isEqualTo("migrated 0, skipped 40, failed 0");
    }

    /**
     * Every key of a v1 root is in the v2 root, with its value unless it is the writer's version or an aggregate that
     * every write recomputes from the sessions (FORMATS.md 2.1).
     */
    private static void assertRootKept(Git git, String folder) {
        JsonObject before = json(git, "entire/checkpoints/v1:" + folder + "/metadata.json");
        JsonObject after = json(git, V2Refs.MAIN.name() + ":" + folder + "/metadata.json");
        for (Map.Entry<String, JsonValue> member : before.members().entrySet()) {
            switch (member.getKey()) {
                case "cli_version", "checkpoints_version", "checkpoints_count", "files_touched", "token_usage",
                        "branch" -> assertThat(after.find(member.getKey())).as(folder + " " + member.getKey())
                        .isPresent();
                case "sessions" -> assertThat(after.member("sessions").elements()).as("the index names every slot"
                        + " folder, even one a v1 index missed: " + folder)
                        .hasSizeGreaterThanOrEqualTo(member.getValue().elements().size());
                default -> assertThat(after.find(member.getKey())).as(folder + " " + member.getKey())
                        .contains(member.getValue());
            }
        }
    }

    /** The /main slot of a checkpoint's v1 slot: the one recording it as its v1 slot, else the same number. */
    private static int mainSlot(Git git, Map<String, String> main, String folder, int v1Slot) {
        for (String path : main.keySet()) {
            if (path.startsWith(folder + "/") && path.endsWith("/metadata.json") && path.split("/").length == 4) {
                Optional<Long> recorded = json(git, V2Refs.MAIN.name() + ":" + path).findLong(
                        V2MigrationPlanner.V1_SLOT);
                if (recorded.isPresent() && recorded.get() == v1Slot) {
                    return Integer.parseInt(path.split("/")[2]);
                }
            }
        }
        return v1Slot;
    }

    private static Map<String, String> files(Git git, String ref) {
        Map<String, String> files = new HashMap<>();
        git.run("ls-tree", "-r", ref).text().lines().forEach(line -> {
            int tab = line.indexOf('\t');
            files.put(line.substring(tab + 1), line.substring(0, tab).split(" ")[2]);
        });
        return files;
    }

    private static JsonObject json(Git git, String spec) {
        return new JsonReader().parseObject(git.run("cat-file", "blob", spec).text().getBytes(StandardCharsets.UTF_8));
    }

    /** Adds a subagent's records ({@code tasks/<tool-use-id>/}) to a checkpoint folder on the v1 branch. */
    private void addTaskRecords(Git git, String folder) {
        Git indexed = new Git(git.directory(), Map.of("GIT_INDEX_FILE", temp.resolve("tasks.index").toString()));
        indexed.run("read-tree", "entire/checkpoints/v1");
        String task = folder + "/tasks/toolu_01XbW1pXWmL5bEJm3nT4kDqa/";
        add(indexed, task + "checkpoint.json", "{\"session_id\": \"s\", \"tool_use_id\": "
                + "\"toolu_01XbW1pXWmL5bEJm3nT4kDqa\", \"agent_id\": \"a1b2c3\"}\n");
        add(indexed, task + "agent-a1b2c3.jsonl", "{\"type\":\"user\",\"message\":{\"content\":\"go\"}}\n");
        String commit = indexed.run("commit-tree", indexed.run("write-tree").text().strip(), "-p",
                "entire/checkpoints/v1", "-m", "Add subagent records").text().strip();
        git.run("update-ref", "refs/heads/entire/checkpoints/v1", commit);
    }

    private static void add(Git git, String path, String content) {
        String blob = git.run(List.of("hash-object", "-w", "--stdin"), content.getBytes(StandardCharsets.UTF_8))
                .text().strip();
        git.run("update-index", "--add", "--cacheinfo", "100644," + blob + "," + path);
    }

    private static String v2Refs(Git git) {
        return git.run("for-each-ref", "--format=%(objectname) %(refname)", "refs/entire/checkpoints/v2/").text();
    }

    /** Checks every raw transcript v2 serves against its hash: the real sample's stale hashes stay stale. */
    private static void assertEveryRawTranscriptVerifies(GitRepository repository) throws Exception {
        int verified = 0;
        Set<String> mismatched = new TreeSet<>();
        try (StoreSet stores = StoreSet.forV2Migration(repository, "test",
                new ClaudeCompactTranscripts("test")::build, 10)) {
            V2Store v2 = stores.v2Store().orElseThrow();
            assertThat(v2.ids()).hasSize(40);
            for (CheckpointId id : v2.ids()) {
                StoredCheckpoint checkpoint = v2.find(id).orElseThrow();
                assertThat(checkpoint.sessions()).hasSameSizeAs(stores.primary().find(id).orElseThrow().sessions());
                for (StoredSession session : checkpoint.sessions()) {
                    Optional<String> hash = v2.readText(session, CheckpointTree.CONTENT_HASH);
                    if (session.hasTranscript() && hash.isPresent()) {
                        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                        v2.copyTranscript(checkpoint, session, bytes);
                        String actual = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                                .digest(bytes.toByteArray()));
                        if (actual.equals(hash.get())) {
                            verified++;
                        } else {
                            mismatched.add(id + "/" + session.slot());
                        }
                    }
                }
            }
        }
        assertThat(mismatched).isEqualTo(BranchStoreFixtureTest.STALE_HASHES);
        assertThat(verified).isEqualTo(44);
    }

    /** Asserts that no session's raw transcript is in two {@code /full} refs; returns the checkpoints packed. */
    private static int assertNoSessionPackedTwice(Git git) {
        List<String> sessions = new ArrayList<>();
        for (String ref : git.run("for-each-ref", "--format=%(refname)", V2Refs.FULL_PREFIX).text().lines().toList()) {
            git.run("ls-tree", "-r", "--name-only", ref).text().lines().filter(path -> path.endsWith("/raw_transcript"))
                    .forEach(sessions::add);
        }
        assertThat(sessions).doesNotHaveDuplicates();
        return (int) sessions.stream().map(path -> path.substring(0, 13)).distinct().count();
    }

    /** The migration as a separate process, so a test can kill it with SIGKILL. */
    public static final class MigrationRunner {
        private MigrationRunner() {
        }

        public static void main(String[] args) {
            GitRepository repository = GitRepository.open(Path.of(args[0]), TestEnvironment.ofThisJvm());
            int haltAfterStep = Integer.parseInt(args[1]);
            int[] steps = {0};
            Progress halting = (done, total) -> {
                if (++steps[0] == haltAfterStep) {
                    Runtime.getRuntime().halt(137);
                }
            };
            try (StoreSet stores = StoreSet.forV2Migration(repository, "test",
                    new ClaudeCompactTranscripts("test")::build,
                    100)) {
                System.out.println(new V2Migration(repository, stores, WRITE, V2MigrationPlanner.Scope.MISSING,
                        halting).run().summary());
            }
        }
    }
}
