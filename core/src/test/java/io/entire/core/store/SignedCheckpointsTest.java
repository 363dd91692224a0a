package io.entire.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.Progress;
import io.entire.core.RandomSource;
import io.entire.core.git.CommitSigning;
import io.entire.core.git.Git;
import io.entire.core.git.GitRepository;
import io.entire.core.id.CheckpointId;
import io.entire.core.migrate.MigrationOptions;
import io.entire.core.migrate.RefsMigration;
import io.entire.core.push.PushQueue;
import io.entire.core.settings.Settings;
import io.entire.core.store.branch.BranchStore;
import io.entire.core.store.refs.CheckpointRefs;
import io.entire.core.store.v2.V2StoreTest;
import io.entire.core.testing.Sessions;
import io.entire.core.testing.SshSigning;
import io.entire.core.testing.TestRepository;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
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
                "{\"strategy_options\": {\"checkpoint_store\": \"refs-v1\"}}"), "test",
                new PushQueue(repository.commonDir()))) {
            id = stores.newCheckpointId(Clock.systemUTC(), RandomSource.system());
            stores.write(id, Sessions.content(temp.resolve("t"), id, "s1", "{}\n", List.of("b"), List.of("p")),
                    WriteKind.CHECKPOINT);
        }
        try (StoreSet stores = StoreSet.forRefsMigration(repository, "test", new PushQueue(repository.commonDir()))) {
            assertThat(new RefsMigration(repository, stores, new MigrationOptions(MigrationOptions.Mode.WRITE,
                    Optional.empty(), CommitSigning.configured()), Progress.NONE).run().summary())
                    .isEqualTo("migrated 1, skipped 0, failed 0");
        }

        assertThat(git.tryRun(List.of("verify-commit", CheckpointRefs.refFor(id).name()), null).succeeded())
                .as("the ref store's checkpoint commit").isTrue();
        assertThat(git.tryRun(List.of("verify-commit", CheckpointRefs.refFor(legacy).name()), null).succeeded())
                .as("the migrated checkpoint's commit").isTrue();
    }

    /**
     * Hooks open the repository without prompts: signing runs detached from any terminal, so it still signs with a
     * key that needs no passphrase, and a key that needs one fails the write instead of waiting for an answer.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)   // a signer waiting for a passphrase would hang here
    void withoutPromptsSigningWorksAndAPassphraseKeyNeverWaitsNorLosesTheCheckpoint() throws Exception {
        Path key = SshSigning.key(temp);
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        Git git = repository.git();
        SshSigning.configure(git, key);
        git.run("config", "commit.gpgsign", "true");
        GitRepository hooks = repository.withoutPrompts();
        Settings refs = V2StoreTest.settings(repository, "{\"strategy_options\": {\"checkpoint_store\": \"refs-v1\"}}");

        CheckpointId signed;
        try (StoreSet stores = StoreSet.open(hooks, refs, "test", new PushQueue(hooks.commonDir()))) {
            signed = stores.newCheckpointId(Clock.systemUTC(), RandomSource.system());
            stores.write(signed, Sessions.content(temp.resolve("t"), signed, "s1", "{}\n", List.of("b"),
                    List.of("p")), WriteKind.CHECKPOINT);
        }
        assertThat(git.tryRun(List.of("verify-commit", CheckpointRefs.refFor(signed).name()), null).succeeded())
                .isTrue();

        Process protect = new ProcessBuilder("ssh-keygen", "-q", "-p", "-N", "a passphrase", "-f", key.toString())
                .redirectErrorStream(true).start();
        assertThat(protect.waitFor()).isZero();
        CheckpointId unsigned;
        try (StoreSet stores = StoreSet.open(hooks, refs, "test", new PushQueue(hooks.commonDir()))) {
            unsigned = stores.newCheckpointId(Clock.systemUTC(), RandomSource.system());
            stores.write(unsigned, Sessions.content(temp.resolve("t"), unsigned, "s2", "{}\n", List.of("c"),
                    List.of("p")), WriteKind.CHECKPOINT);
        }
        assertThat(git.tryRun(List.of("verify-commit", CheckpointRefs.refFor(unsigned).name()), null).succeeded())
                .as("a hook that cannot sign keeps the checkpoint, unsigned").isFalse();
        assertThat(git.run("show", CheckpointRefs.refFor(unsigned).name() + ":metadata.json").text())
                .contains(unsigned.value());
    }
}
