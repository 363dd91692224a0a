package io.entire.core.store.branch;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.Git;
import io.entire.core.git.GitRepository;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import io.entire.core.settings.CheckpointRemoteSetting;
import io.entire.core.store.CheckpointListing;
import io.entire.core.store.CheckpointRemotes;
import io.entire.core.store.StoredCheckpoint;
import io.entire.core.store.TranscriptChunks;
import io.entire.core.store.WriteKind;
import io.entire.core.testing.Sessions;
import io.entire.core.testing.TestRepository;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local v1 branch is the truth when a remote-tracking copy exists too, whichever is older. */
class BranchStoreTrackingCopyTest {
    private static final CheckpointId OLD = CheckpointId.of("a3b2c4d5e6f7");
    private static final CheckpointId NEW = CheckpointId.of("b4c5d6e7f8a9");

    @TempDir
    Path temp;
    GitRepository repository;
    Git git;

    @BeforeEach
    void localBranchAheadOfOriginsCopy() {
        repository = TestRepository.withCommit(temp.resolve("repo"));
        git = repository.git();
        try (BranchStore store = store()) {
            store.write(OLD, Sessions.content(temp, OLD, "s-old", "{\"old\":1}\n", List.of("a"), List.of("old")),
                    WriteKind.CHECKPOINT);
        }
        git.run("update-ref", "refs/remotes/origin/entire/checkpoints/v1", "entire/checkpoints/v1");
        try (BranchStore store = store()) {
            store.write(OLD, Sessions.content(temp, OLD, "s-old", "{\"old\":2}\n", List.of("a", "b"),
                    List.of("old", "again")), WriteKind.CHECKPOINT);
            store.write(NEW, Sessions.content(temp, NEW, "s-new", "{\"new\":1}\n", List.of("c"), List.of("new")),
                    WriteKind.CHECKPOINT);
        }
    }

    private BranchStore store() {
        return store(Optional.empty());
    }

    private BranchStore store(Optional<CheckpointRemoteSetting> checkpointRemote) {
        return new BranchStore(repository, "test", new TranscriptChunks(TranscriptChunks.DEFAULT_LIMIT),
                new CheckpointRemotes(repository, checkpointRemote));
    }

    @Test
    void everyReadTakesTheLocalBranch() {
        try (BranchStore store = store()) {
            assertThat(store.ids()).containsExactlyInAnyOrder(OLD, NEW);
            assertThat(store.list()).extracting(CheckpointListing::id).containsExactlyInAnyOrder(OLD, NEW);
            assertThat(store.folders()).containsOnlyKeys(OLD, NEW);
            StoredCheckpoint old = store.find(OLD).orElseThrow();
            assertThat(old.summary().filesTouched()).containsExactly("a", "b");
            assertThat(store.find(NEW)).isPresent();
            assertThat(store.findLatestForSession(SessionId.of("s-new"))).contains(NEW);
            assertThat(store.findLatestForSession(SessionId.of("s-old"))).contains(OLD);
        }
    }

    @Test
    void aTrackingCopyAheadOfTheLocalBranchIsNotRead() {
        String local = git.run("rev-parse", "entire/checkpoints/v1").text().strip();
        git.run("update-ref", "refs/heads/entire/checkpoints/v1",
                git.run("rev-parse", "refs/remotes/origin/entire/checkpoints/v1").text().strip());
        git.run("update-ref", "refs/remotes/origin/entire/checkpoints/v1", local);
        try (BranchStore store = store()) {
            assertThat(store.ids()).containsExactly(OLD);
            assertThat(store.find(NEW)).isEmpty();
            assertThat(store.findLatestForSession(SessionId.of("s-new"))).isEmpty();
        }
    }

    @Test
    void withoutALocalBranchTheCheckpointRemotesCopyIsReadBeforeOrigins() {
        // origin's copy is from before the project moved its checkpoints to a remote of their own
        git.run("remote", "add", "origin", temp.resolve("code.git").toUri().toString());
        git.run("remote", "add", "checkpoints", temp.resolve("checkpoints.git").toUri().toString());
        git.run("update-ref", "refs/remotes/checkpoints/entire/checkpoints/v1", "entire/checkpoints/v1");
        git.run("update-ref", "-d", "refs/heads/entire/checkpoints/v1");
        try (BranchStore store = store(Optional.of(CheckpointRemoteSetting.of("checkpoints")))) {
            assertThat(store.ids()).containsExactlyInAnyOrder(OLD, NEW);
            assertThat(store.find(NEW)).isPresent();
            assertThat(store.findLatestForSession(SessionId.of("s-new"))).contains(NEW);
        }
        try (BranchStore store = store()) {
            assertThat(store.ids()).containsExactly(OLD);   // no setting: the code remote holds the checkpoints
        }
    }
}
