package io.entire.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.CheckpointFailure;
import io.entire.core.Progress;
import io.entire.core.git.CommitSigning;
import io.entire.core.git.Git;
import io.entire.core.git.GitRepository;
import io.entire.core.git.RefName;
import io.entire.core.id.CheckpointId;
import io.entire.core.push.PushQueue;
import io.entire.core.store.StoreSet;
import io.entire.core.store.refs.CheckpointRefs;
import io.entire.core.testing.SyntheticCheckpoints;
import io.entire.core.testing.TestRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration of many checkpoints writes their refs into git's packed-refs file (one file, not a lock file, a file
 * and a rename per ref), under git's lock protocol, and leaves every other ref, and any writer's ref, as it was.
 */
class PackedRefsMigrationTest {
    private static final MigrationOptions WRITE = new MigrationOptions(MigrationOptions.Mode.WRITE, Optional.empty(),
            CommitSigning.configured());

    @TempDir
    Path temp;

    @Test
    void manyCheckpointRefsGoIntoPackedRefsBesideTheRefsThatWereThere() throws IOException {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        Git git = repository.git();
        git.run("tag", "-a", "-m", "an annotated tag, packed with its peeled line", "v1.0");
        git.run("branch", "side");
        git.run("pack-refs", "--all");
        git.run("tag", "loose-tag");
        SyntheticCheckpoints.writeBranch(git, 300, 26);
        List<String> before = git.run("show-ref", "-d").text().lines().toList();

        MigrationReport first = migrate(repository, Progress.NONE);

        assertThat(first.summary()).isEqualTo("migrated 300, skipped 0, failed 0");
        assertThat(looseRefs(repository)).as("no file per ref").isEmpty();
        assertThat(Files.readString(repository.commonDir().resolve("packed-refs")))
                .startsWith("# pack-refs with: peeled fully-peeled sorted \n");
        assertThat(git.run("show-ref", "-d").text().lines().toList()).containsAll(before);
        assertThat(git.run("for-each-ref", "--format=%(refname)", "refs/entire/checkpoints/").text().lines())
                .hasSize(300);
        assertThat(git.run("fsck", "--strict", "--no-dangling").succeeded()).isTrue();
        assertThat(migrate(repository, Progress.NONE).summary()).isEqualTo("migrated 0, skipped 300, failed 0");

        Path remote = temp.resolve("remote.git");
        new Git(temp).run("init", "-q", "--bare", remote.toString());
        git.run("push", "-q", remote.toUri().toString(), "refs/entire/checkpoints/*:refs/entire/checkpoints/*");
        assertThat(new Git(remote).run("for-each-ref", "refs/entire/checkpoints/").text().lines()).hasSize(300);
        String anyRef = git.run("for-each-ref", "--count=1", "--format=%(refname)", "refs/entire/checkpoints/")
                .text().strip();
        git.run("update-ref", "-d", anyRef);
        git.run("pack-refs", "--all");
        assertThat(git.run("for-each-ref", "refs/entire/checkpoints/").text().lines()).hasSize(299);
    }

    @Test
    void aRefAnotherWriterCreatedMeanwhileKeepsItsValueAndTheRerunMigratesOnTopOfIt() {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        Git git = repository.git();
        List<String> ids = SyntheticCheckpoints.writeBranch(git, 2 * RefsMigration.BATCH, 7);
        String otherWriters = git.run("commit-tree", "-m", "another writer's checkpoint", "HEAD^{tree}").text().strip();
        Set<String> taken = new HashSet<>();
        // After the first batch: a writer (a hook) creates the ref of a checkpoint the migration has yet to write.
        Progress writerInBetween = (done, total) -> {
            if (taken.isEmpty()) {
                String id = ids.stream().filter(candidate -> repository.refs().find(refOf(candidate)).isEmpty())
                        .findFirst().orElseThrow();
                git.run("update-ref", refOf(id).name(), otherWriters, "");
                taken.add(id);
            }
        };

        MigrationReport first = migrate(repository, writerInBetween);

        String id = taken.iterator().next();
        assertThat(first.failed()).extracting(CheckpointFailure::category).containsExactly(
                CheckpointFailure.Category.MOVED);
        assertThat(first.failed().get(0).checkpointId()).contains(CheckpointId.of(id));
        assertThat(repository.refs().find(refOf(id)).orElseThrow().hex()).isEqualTo(otherWriters);

        MigrationReport rerun = migrate(repository, Progress.NONE);

        assertThat(rerun.summary()).isEqualTo("migrated 1, skipped " + (ids.size() - 1) + ", failed 0");
        assertThat(git.run("rev-parse", refOf(id).name() + "^").text()).isEqualTo(otherWriters);
    }

    @Test
    void aPackedRefsLockLeftByAKilledWriterIsLeftAloneAndTheRefsAreWrittenOneByOne() throws IOException {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        SyntheticCheckpoints.writeBranch(repository.git(), 300, 11);
        Path lock = repository.commonDir().resolve("packed-refs.lock");
        Files.writeString(lock, "what a killed git left\n");

        MigrationReport report = migrate(repository, Progress.NONE);

        assertThat(report.summary()).isEqualTo("migrated 300, skipped 0, failed 0");
        assertThat(looseRefs(repository)).hasSize(300);
        assertThat(Files.readString(lock)).isEqualTo("what a killed git left\n");
        assertThat(repository.commonDir().resolve("packed-refs")).doesNotExist();
    }

    private static RefName refOf(String id) {
        return CheckpointRefs.refFor(CheckpointId.of(id));
    }

    private static List<Path> looseRefs(GitRepository repository) {
        Path checkpoints = repository.commonDir().resolve("refs/entire/checkpoints");
        if (!Files.isDirectory(checkpoints)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(checkpoints)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MigrationReport migrate(GitRepository repository, Progress progress) {
        try (StoreSet stores = StoreSet.forRefsMigration(repository, "test", new PushQueue(repository.commonDir()))) {
            return new RefsMigration(repository, stores, WRITE, progress).run();
        }
    }
}
