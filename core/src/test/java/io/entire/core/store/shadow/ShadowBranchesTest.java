package io.entire.core.store.shadow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entire.core.git.GitRepository;
import io.entire.core.git.GitWorkers;
import io.entire.core.git.MissingObjectException;
import io.entire.core.git.ObjectId;
import io.entire.core.git.RefName;
import io.entire.core.git.TreeEntry;
import io.entire.core.testing.TestRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shadow branches in a damaged repository: one whose commit is missing is named, never retried blindly. */
class ShadowBranchesTest {
    private static final String MISSING = "1111111111111111111111111111111111111111";

    @TempDir
    Path temp;
    GitRepository repository;
    ObjectId head;
    RefName shadow;

    @BeforeEach
    void createRepository() throws IOException {
        repository = TestRepository.withCommit(temp.resolve("repo"));
        head = ObjectId.of(repository.git().run("rev-parse", "HEAD").text().strip());
        shadow = ShadowBranch.name(head, "");
        Path ref = repository.commonDir().resolve(shadow.name());
        Files.createDirectories(ref.getParent());
        Files.writeString(ref, MISSING + "\n");   // git update-ref refuses to write this; a damaged repository has it
    }

    @Test
    void aSnapshotOntoABranchWhoseCommitIsMissingFailsNamingIt() {
        try (GitWorkers workers = new GitWorkers(repository)) {
            ShadowBranches branches = new ShadowBranches(repository, workers);
            ObjectId blob = workers.writer().writeBlob("hello\n".getBytes(StandardCharsets.UTF_8));
            Map<String, Optional<TreeEntry>> edits = Map.of("a.txt", Optional.of(TreeEntry.file("a.txt", blob)));

            assertThatThrownBy(() -> branches.commit(head, "", edits, "Checkpoint step 1\n"))
                    .isInstanceOf(MissingObjectException.class).hasMessageContaining(MISSING)
                    .hasMessageContaining(shadow.name());
        }
        assertThat(repository.refs().find(shadow)).contains(ObjectId.of(MISSING));
    }

    @Test
    void deletingABranchWhoseCommitIsMissingRemovesIt() {
        try (GitWorkers workers = new GitWorkers(repository)) {
            assertThat(new ShadowBranches(repository, workers).delete(head, "")).isTrue();
        }
        assertThat(repository.refs().find(shadow)).isEmpty();
    }
}
