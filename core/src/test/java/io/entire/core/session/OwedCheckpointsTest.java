package io.entire.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entire.core.git.GitRepository;
import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import io.entire.core.testing.TestRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Owed-checkpoint marks in a real repository: what a hook can tell from them without starting git. */
class OwedCheckpointsTest {
    private static final CheckpointId ID = CheckpointId.of("a3b2c4d5e6f7");

    @TempDir
    Path temp;
    GitRepository repository;
    OwedCheckpoints owed;

    @BeforeEach
    void setUp() {
        repository = TestRepository.withCommit(temp.resolve("repo"));
        owed = new OwedCheckpoints(repository);
    }

    @Test
    void nothingIsOwedInARepositoryThatNeverLinkedACommit() {
        assertThat(owed.anyToComplete()).isFalse();
        assertThat(owed.list()).isEmpty();
    }

    @Test
    void aMarkForACommitUnderWayWaitsUntilHeadMoves() {
        owed.record(OwedCheckpoint.forCommitUnderWay(ID, repository.worktreeId(), owed.headLogSize(), List.of()));
        assertThat(owed.anyToComplete()).as("the commit is not made yet").isFalse();

        repository.git().run("commit", "-q", "--allow-empty", "-m", "next");

        assertThat(owed.anyToComplete()).as("HEAD moved: the commit may carry it").isTrue();
    }

    @Test
    void aNewAttemptOnTheSameHeadDropsTheGivenUpOnesButNoMarkOfAMadeCommitOrAHookAtWork() {
        CheckpointId givenUp = CheckpointId.of("0123456789ab");
        CheckpointId atWork = CheckpointId.of("bbbbbbbbbbbb");
        CheckpointId made = CheckpointId.of("cccccccccccc");
        CheckpointId underWay = CheckpointId.of("dddddddddddd");
        ObjectId head = repository.findCommit("HEAD").orElseThrow();
        owed.record(OwedCheckpoint.forCommitUnderWay(givenUp, repository.worktreeId(), owed.headLogSize(),
                List.of()));
        owed.record(OwedCheckpoint.forCommitUnderWay(atWork, repository.worktreeId(), owed.headLogSize(),
                List.of()));
        owed.record(OwedCheckpoint.forCommit(made, repository.worktreeId(), head));
        owed.record(OwedCheckpoint.forCommitUnderWay(underWay, repository.worktreeId(), owed.headLogSize(),
                List.of()));
        try (OwedCheckpoints.Lock held = owed.lock(atWork)) {
            owed.dropGivenUpAttempts(underWay);
        }

        assertThat(owed.find(givenUp)).isEmpty();
        assertThat(owed.find(atWork)).isPresent();
        assertThat(owed.find(made)).isPresent();
        assertThat(owed.find(underWay)).as("the new attempt's own mark").isPresent();
    }

    @Test
    void anAttemptRecordedBeforeHeadMovedIsNotDroppedAsGivenUp() {
        owed.record(OwedCheckpoint.forCommitUnderWay(ID, repository.worktreeId(), owed.headLogSize(), List.of()));
        repository.git().run("commit", "-q", "--allow-empty", "-m", "made, its post-commit not run yet");

        owed.dropGivenUpAttempts(CheckpointId.of("dddddddddddd"));

        assertThat(owed.find(ID)).isPresent();
    }

    @Test
    void aMarkNamingItsCommitIsToCompleteUntilCleared() {
        ObjectId head = repository.findCommit("HEAD").orElseThrow();
        owed.record(OwedCheckpoint.forCommit(ID, repository.worktreeId(), head).withAttempt());

        assertThat(owed.anyToComplete()).isTrue();
        assertThat(owed.find(ID)).contains(new OwedCheckpoint(ID, "", Optional.of(head), -1, 1));
        try (OwedCheckpoints.Lock lock = owed.tryLock(ID).orElseThrow()) {
            owed.clear(ID);
        }
        assertThat(owed.anyToComplete()).isFalse();
        assertThat(owed.find(ID)).isEmpty();
    }

    @Test
    void anotherWorktreesMarksAreLeftToIt() {
        owed.record(OwedCheckpoint.forCommit(ID, "linked", repository.findCommit("HEAD").orElseThrow()));

        assertThat(owed.anyToComplete()).isFalse();
        assertThat(owed.list()).isEmpty();
    }

    @Test
    void aMarkKeepsTheSessionsItsCommitLinksOnceTheCommitIsMade() {
        OwedCheckpoints owed = new OwedCheckpoints(repository);
        List<SessionId> linked = List.of(SessionId.of("75c838dd-10e3-40cf-8df3-17f9955149f8"));
        owed.record(OwedCheckpoint.forCommitUnderWay(ID, repository.worktreeId(), owed.headLogSize(), linked));
        ObjectId head = repository.findCommit("HEAD").orElseThrow();

        owed.record(owed.find(ID).orElseThrow().withCommit(head).withAttempt());

        assertThat(owed.find(ID).orElseThrow().sessions()).isEqualTo(linked);
    }

    @Test
    void anUnreadableMarkIsAnErrorNamingItsFileWhenAskedForAndListingSetsItAsideWithItsBytes() throws IOException {
        Path file = repository.commonDir().resolve(OwedCheckpoints.DIRECTORY).resolve(ID.value() + ".json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"checkpoint_id\": 42");
        CheckpointId other = CheckpointId.of("0123456789ab");
        owed.record(OwedCheckpoint.forCommitUnderWay(other, repository.worktreeId(), owed.headLogSize(), List.of()));

        assertThatThrownBy(() -> owed.find(ID)).isInstanceOf(OwedCheckpointException.class)
                .hasMessageContaining(file.toString());
        assertThat(owed.unreadable()).as("read only").containsExactly(file);

        assertThat(owed.list()).extracting(OwedCheckpoint::checkpointId).containsExactly(other);
        assertThat(file).doesNotExist();
        assertThat(owed.unreadable()).singleElement().satisfies(aside -> {
            assertThat(aside.getFileName().toString()).startsWith(ID.value() + ".json.").endsWith(".unreadable");
            assertThat(aside).hasContent("{\"checkpoint_id\": 42");
        });
        assertThat(owed.list()).extracting(OwedCheckpoint::checkpointId).containsExactly(other);
    }
}
