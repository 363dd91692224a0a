package io.entire.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.RandomSource;
import io.entire.core.git.CommitSigning;
import io.entire.core.git.Git;
import io.entire.core.git.GitRepository;
import io.entire.core.id.CheckpointId;
import io.entire.core.migrate.MigrationOptions;
import io.entire.core.migrate.MigrationProgress;
import io.entire.core.migrate.RefsMigration;
import io.entire.core.testing.Sessions;
import io.entire.core.testing.SshSigning;
import io.entire.core.testing.TestRepository;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With commit.gpgSign on, checkpoint commits are signed as git commit would sign them (here: ssh). */
class SignedCheckpointsTest {
    @TempDir
    Path temp;

    @Test
    void refStoreCommitsAndARefsMigrationWithoutFlagsAreSigned() throws Exception {
        Path key = SshSigning.key(temp);
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        Git git = repository.git();
        SshSigning.configure(git, key);
        CheckpointId legacy = CheckpointId.of("a3b2c4d5e6f7");
        try (BranchStore branch = new BranchStore(repository, "test",
                new TranscriptChunks(TranscriptChunks.DEFAULT_LIMIT))) {
            branch.write(legacy, Sessions.content(temp.resolve("t"), legacy, "s0", "{}\n", List.of("a"),
                    List.of("p")), WriteKind.CHECKPOINT);
        }
        git.run("config", "commit.gpgsign", "true");

        CheckpointId id;
        try (StoreSet stores = StoreSet.open(repository, V2StoreTest.settings(repository,
                "{\"strategy_options\": {\"checkpoint_store\": \"refs-v1\"}}"), "test")) {
            id = stores.newCheckpointId(Clock.systemUTC(), RandomSource.system());
            stores.write(id, Sessions.content(temp.resolve("t"), id, "s1", "{}\n", List.of("b"), List.of("p")),
                    WriteKind.CHECKPOINT);
        }
        try (StoreSet stores = StoreSet.forRefsMigration(repository, "test")) {
            assertThat(new RefsMigration(repository, stores, new MigrationOptions(MigrationOptions.Mode.WRITE,
                    Optional.empty(), CommitSigning.configured()), MigrationProgress.NONE).run().summary())
                    .isEqualTo("migrated 1, skipped 0, failed 0");
        }

        assertThat(git.tryRun(List.of("verify-commit", CheckpointRefs.refFor(id).name()), null).succeeded())
                .as("the ref store's checkpoint commit").isTrue();
        assertThat(git.tryRun(List.of("verify-commit", CheckpointRefs.refFor(legacy).name()), null).succeeded())
                .as("the migrated checkpoint's commit").isTrue();
    }
}
