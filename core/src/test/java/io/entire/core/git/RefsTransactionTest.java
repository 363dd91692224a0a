package io.entire.core.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several refs moved in one transaction: all of them, or none. */
class RefsTransactionTest {
    private static final RefName FIRST = RefName.of("refs/entire/test/first");
    private static final RefName SECOND = RefName.of("refs/entire/test/second");
    private static final RefName THIRD = RefName.of("refs/entire/test/third");

    @TempDir
    Path temp;
    GitRepository repository;
    ObjectId old;
    ObjectId next;

    @BeforeEach
    void setUp() {
        TwoCommits commits = TwoCommits.in(temp.resolve("repo"));
        repository = commits.repository();
        old = commits.old();
        next = commits.next();
        repository.git().run("update-ref", FIRST.name(), old.hex());
        repository.git().run("update-ref", SECOND.name(), old.hex());
    }

    @Test
    void everyRefMovesDeletesOrIsCreatedTogether() {
        RefUpdateResult result = repository.refs().moveAll(List.of(RefMove.update(FIRST, Expected.value(old), next),
                RefMove.delete(SECOND, old), RefMove.update(THIRD, Expected.absent(), next)), "test");

        assertThat(result).isEqualTo(RefUpdateResult.UPDATED);
        assertThat(repository.refs().find(FIRST)).contains(next);
        assertThat(repository.refs().find(SECOND)).isEmpty();
        assertThat(repository.refs().find(THIRD)).contains(next);
    }

    @Test
    void oneStaleExpectedValueMovesNoRefAtAll() {
        RefUpdateResult result = repository.refs().moveAll(List.of(RefMove.update(FIRST, Expected.value(old), next),
                RefMove.update(THIRD, Expected.absent(), next), RefMove.update(SECOND, Expected.value(next), next)),
                "test");

        assertThat(result).isEqualTo(RefUpdateResult.REJECTED_STALE);
        assertThat(repository.refs().find(FIRST)).contains(old);
        assertThat(repository.refs().find(SECOND)).contains(old);
        assertThat(repository.refs().find(THIRD)).isEqualTo(Optional.empty());
    }
}
