package io.entire.core.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.Progress;
import io.entire.core.RandomSource;
import io.entire.core.git.Git;
import io.entire.core.git.GitRepository;
import io.entire.core.id.CheckpointId;
import io.entire.core.push.PushQueue;
import io.entire.core.redact.Redactor;
import io.entire.core.settings.Settings;
import io.entire.core.store.branch.BranchStoreFixtureTest;
import io.entire.core.store.StoreSet;
import io.entire.core.store.v2.V2StoreTest;
import io.entire.core.store.WriteKind;
import io.entire.core.testing.Sessions;
import io.entire.core.testing.TestRepository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doctor verify} over the 40 real checkpoints of the Go tool, each kind of damage seeded into real data. */
class VerifierTest {
    /** Two sessions, both with transcripts; slot 1's hash is one of the stale ones, slot 0's too. */
    private static final String TWO_SESSIONS = "f6a415abf2b0";
    private static final String BRANCH = "entire/checkpoints/v1";
    /**
     * The real data's other fault: an older writer stored one session id in two slots of this checkpoint and listed
     * only one of them in its root metadata.
     */
    private static final String REAL_INDEX_MISMATCH = TWO_SESSIONS
            + " (branch): metadata.json lists 1 session(s), the folder holds 2 slot folder(s)";

    @TempDir
    Path temp;

    @Test
    void theFortyRealCheckpointsReportOnlyTheFaultsOfTheData() {
        GitRepository repository = TestRepository.upstreamSample(temp.resolve("sample"));

        VerifyReport report = verify(repository);

        assertThat(report.stores()).containsExactly(Verifier.BRANCH);
        assertThat(report.copiesChecked()).isEqualTo(40);
        assertThat(report.problems()).filteredOn(problem -> problem.kind() != ProblemKind.CONTENT_HASH)
                .extracting(VerifyProblem::line).containsExactly(REAL_INDEX_MISMATCH);
        Set<String> slots = report.problems().stream().filter(problem -> problem.kind() == ProblemKind.CONTENT_HASH)
                .map(problem -> problem.checkpoint() + "/" + problem.detail().charAt(0))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(slots).isEqualTo(BranchStoreFixtureTest.STALE_HASHES);
    }

    @Test
    void theProgressCountsTheFortyRealCheckpointsOneByOne() {
        GitRepository repository = TestRepository.upstreamSample(temp.resolve("sample"));
        List<String> told = new ArrayList<>();

        new Verifier(repository, new Redactor()).verify((done, total) -> told.add(done + "/" + total));

        assertThat(told).hasSize(41).startsWith("0/40", "1/40").endsWith("39/40", "40/40");
    }

    @Test
    void aGappedSlotIndexIsReported() {
        GitRepository repository = TestRepository.upstreamSample(temp.resolve("sample"));
        String folder = folderOf(TWO_SESSIONS);
        Git git = repository.git();
        String slot = git.run("rev-parse", BRANCH + ":" + folder + "/1").text();
        rewriteBranch(repository, Map.of(folder + "/1", "", folder + "/2", "040000 tree " + slot));

        List<VerifyProblem> problems = newProblems(repository);
        assertThat(problems).filteredOn(problem -> problem.kind() == ProblemKind.SLOT_INDEX)
                .extracting(VerifyProblem::line)
                .containsExactly(TWO_SESSIONS + " (branch): slot folders [0, 2] leave a gap: slot 1 is missing");
        assertThat(problems).as("the moved slot's stale hash is still reported, under its new number")
                .extracting(VerifyProblem::kind).containsExactlyInAnyOrder(ProblemKind.SLOT_INDEX,
                        ProblemKind.CONTENT_HASH);
    }

    @Test
    void aHashThatDoesNotMatchItsTranscriptIsReported() {
        GitRepository repository = TestRepository.upstreamSample(temp.resolve("sample"));
        String id = healthyCheckpointWithHash(repository);
        String wrong = "sha256:" + "0".repeat(64);
        rewriteBranch(repository, Map.of(folderOf(id) + "/0/content_hash.txt",
                "100644 blob " + blob(repository, wrong)));

        assertThat(newProblems(repository)).singleElement().satisfies(problem -> {
            assertThat(problem.checkpoint()).isEqualTo(id);
            assertThat(problem.kind()).isEqualTo(ProblemKind.CONTENT_HASH);
            assertThat(problem.detail()).startsWith("0/full.jsonl does not match content_hash.txt (stored " + wrong);
        });
    }

    @Test
    void aMissingTranscriptBlobIsReported() {
        GitRepository repository = TestRepository.upstreamSample(temp.resolve("sample"));
        String id = healthyCheckpointWithHash(repository);
        String missing = repository.git().run(List.of("hash-object", "--stdin"),
                "never written\n".getBytes(StandardCharsets.UTF_8)).text();
        rewriteBranch(repository, Map.of(folderOf(id) + "/0/full.jsonl", "100644 blob " + missing));

        assertThat(newProblems(repository)).singleElement().satisfies(problem -> {
            assertThat(problem.checkpoint()).isEqualTo(id);
            assertThat(problem.kind()).isEqualTo(ProblemKind.MISSING_OBJECT);
            assertThat(problem.line()).isEqualTo(id + " (branch): 0/full.jsonl: blob " + missing + " is missing");
        });
    }

    @Test
    void checkpointsWrittenToEveryStoreVerifyCleanAndAMisShardedRefIsReported() {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        Settings settings = V2StoreTest.settings(repository,
                "{\"strategy_options\": {\"checkpoint_store\": \"refs-v1-mirror\", \"checkpoints_v2\": true}}");
        CheckpointId id;
        try (StoreSet stores = StoreSet.open(repository, settings, "test", new PushQueue(repository.commonDir()))) {
            id = stores.newCheckpointId(Clock.systemUTC(), RandomSource.system());
            stores.write(id, Sessions.content(temp, id, "s1", "{\"a\":1}\n", List.of("a.txt"), List.of("p")),
                    WriteKind.CHECKPOINT);
            stores.write(id, Sessions.content(temp, id, "s2", "{\"b\":2}\n", List.of("b.txt"), List.of("q")),
                    WriteKind.CHECKPOINT);
        }
        List<String> told = new ArrayList<>();
        VerifyReport healthy = new Verifier(repository, new Redactor()).verify((done, total) -> told.add(done + "/"
                + total));
        assertThat(healthy.problems()).isEmpty();
        assertThat(healthy.stores()).containsExactly(Verifier.BRANCH, Verifier.REFS, Verifier.V2);
        assertThat(healthy.copiesChecked()).isEqualTo(3);
        assertThat(told).as("one copy in each store").containsExactly("0/3", "1/3", "2/3", "3/3");

        Git git = repository.git();
        String right = "refs/entire/checkpoints/" + id.value().substring(24) + "/" + id;
        String wrong = "refs/entire/checkpoints/" + id.value().substring(0, 2) + "/" + id;
        git.run("update-ref", wrong, right);
        git.run("update-ref", "-d", right);

        assertThat(verify(repository).problems()).extracting(VerifyProblem::line).containsExactly(
                id + " (refs): " + wrong + " is sharded under " + id.value().substring(0, 2)
                        + "; the Go tool reads only " + right);
    }

    @Test
    void copiesThatDisagreeAcrossStoresAreReported() {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        Settings settings = V2StoreTest.settings(repository,
                "{\"strategy_options\": {\"checkpoint_store\": \"refs-v1-mirror\"}}");
        CheckpointId id;
        try (StoreSet stores = StoreSet.open(repository, settings, "test", new PushQueue(repository.commonDir()))) {
            id = stores.newCheckpointId(Clock.systemUTC(), RandomSource.system());
            stores.write(id, Sessions.content(temp, id, "s1", "{\"a\":1}\n", List.of("a.txt"), List.of("p")),
                    WriteKind.CHECKPOINT);
        }
        // The mirror's transcript replaced together with its hash: each copy is sound, they no longer agree.
        String other = "{\"a\":2}\n";
        rewriteBranch(repository, Map.of(id.treePath() + "/0/full.jsonl", "100644 blob " + blob(repository, other),
                id.treePath() + "/0/content_hash.txt", "100644 blob " + blob(repository,
                        io.entire.core.Sha256.contentHash(other.getBytes(StandardCharsets.UTF_8)))));

        assertThat(verify(repository).problems()).extracting(VerifyProblem::line).containsExactly(
                id + " (branch/refs): slot 0: the transcript in branch differs from the one in refs");
    }

    private static VerifyReport verify(GitRepository repository) {
        return new Verifier(repository, new Redactor()).verify(Progress.NONE);
    }

    /** The problems beyond the real data's own (five stale hashes, one index mismatch). */
    private static List<VerifyProblem> newProblems(GitRepository repository) {
        return verify(repository).problems().stream()
                .filter(problem -> !problem.line().equals(REAL_INDEX_MISMATCH))
                .filter(problem -> !(problem.kind() == ProblemKind.CONTENT_HASH && BranchStoreFixtureTest.STALE_HASHES
                        .contains(problem.checkpoint() + "/" + problem.detail().charAt(0))))
                .toList();
    }

    /** A real checkpoint whose slot 0 has a transcript matching its content hash. */
    private static String healthyCheckpointWithHash(GitRepository repository) {
        String listing = repository.git().run("ls-tree", "-r", "--name-only", BRANCH).text();
        return listing.lines().filter(path -> path.endsWith("/0/content_hash.txt"))
                .map(path -> path.substring(0, 2) + path.substring(3, 13))
                .filter(id -> !BranchStoreFixtureTest.STALE_HASHES.contains(id + "/0"))
                .findFirst().orElseThrow();
    }

    private static String folderOf(String id) {
        return id.substring(0, 2) + "/" + id.substring(2);
    }

    private static String blob(GitRepository repository, String content) {
        return repository.git().run(List.of("hash-object", "-w", "--stdin"), content.getBytes(StandardCharsets.UTF_8))
                .text();
    }

    /**
     * Commits onto the v1 branch its tree with some paths replaced ({@code "<mode> <type> <id>"}) or removed
     * (empty), through a scratch index that lets entries name objects the repository lacks.
     */
    private static void rewriteBranch(GitRepository repository, Map<String, String> edits) {
        Git git = repository.git().withVariables(Map.of("GIT_INDEX_FILE",
                repository.gitDir().resolve("verify-test-index").toString()));
        git.run("read-tree", BRANCH);
        StringBuilder info = new StringBuilder();
        edits.forEach((path, entry) -> {
            if (entry.isEmpty()) {
                git.run("rm", "-r", "-q", "--cached", path);
            } else if (entry.startsWith("040000")) {
                git.run("read-tree", "--prefix=" + path + "/", entry.substring(entry.lastIndexOf(' ') + 1));
            } else {
                String[] parts = entry.split(" ");
                info.append(parts[0]).append(' ').append(parts[2]).append('\t').append(path).append('\n');
            }
        });
        if (info.length() > 0) {
            git.run(List.of("update-index", "--index-info"), info.toString().getBytes(StandardCharsets.UTF_8));
        }
        String tree = git.run("write-tree", "--missing-ok").text();
        String commit = git.run("commit-tree", tree, "-p", BRANCH, "-m", "damage").text();
        git.run("update-ref", "refs/heads/" + BRANCH, commit);
    }
}
