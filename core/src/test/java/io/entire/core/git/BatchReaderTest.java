package io.entire.core.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.testing.TestRepository;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchReaderTest {
    @TempDir
    Path temp;

    @Test
    void findCommitResolvesRefsAsTheyAreAtEachRequest() {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        Git git = repository.git();
        ObjectId head = ObjectId.of(git.run("rev-parse", "HEAD").text().strip());
        try (BatchReader reader = repository.openReader()) {
            CommitInfo found = reader.findCommit("HEAD").orElseThrow();
            assertThat(found.id()).isEqualTo(head);
            assertThat(found.tree().hex()).isEqualTo(git.run("rev-parse", "HEAD^{tree}").text().strip());
            assertThat(reader.findCommit("refs/heads/entire/shadow")).isEmpty();

            // A ref created, moved and deleted by another process while the reader runs: each request sees it now.
            git.run("update-ref", "refs/heads/entire/shadow", head.hex());
            assertThat(reader.findCommit("refs/heads/entire/shadow").map(CommitInfo::id)).contains(head);
            git.run("commit", "-q", "--allow-empty", "-m", "second");
            ObjectId second = ObjectId.of(git.run("rev-parse", "HEAD").text().strip());
            git.run("update-ref", "refs/heads/entire/shadow", second.hex(), head.hex());
            assertThat(reader.findCommit("refs/heads/entire/shadow").map(CommitInfo::id)).contains(second);
            assertThat(reader.findCommit("HEAD").map(CommitInfo::parents)).contains(List.of(head));
            git.run("pack-refs", "--all");
            assertThat(reader.findCommit("refs/heads/entire/shadow").map(CommitInfo::id)).contains(second);
            git.run("update-ref", "-d", "refs/heads/entire/shadow");
            assertThat(reader.findCommit("refs/heads/entire/shadow")).isEmpty();
        }
    }

    @Test
    void findCommitPeelsTagsAndRefusesWhatIsNoCommit() {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        Git git = repository.git();
        git.run("tag", "-a", "-m", "annotated", "v1");
        ObjectId head = ObjectId.of(git.run("rev-parse", "HEAD").text().strip());
        try (BatchReader reader = repository.openReader()) {
            assertThat(reader.findCommit("refs/tags/v1").map(CommitInfo::id)).contains(head);
            assertThat(reader.findCommit("HEAD^{tree}")).isEmpty();
            assertThat(reader.findCommit("no-such-revision")).isEqualTo(Optional.empty());
        }
    }

    @Test
    void findCommitIsEmptyOnAnUnbornBranch() {
        Path directory = temp.resolve("unborn");
        new Git(temp).run("init", "-q", directory.toString());
        try (BatchReader reader = GitRepository.open(directory).openReader()) {
            assertThat(reader.findCommit("HEAD")).isEmpty();
        }
    }
}
