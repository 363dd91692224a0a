package io.entire.core.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.testing.TestEnvironment;
import io.entire.core.testing.TestRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangesTest {
    @TempDir
    Path temp;

    @Test
    void reportsStatusStagedChangesAndACommitsChangesWithBlobIds() throws IOException {
        Path directory = temp.resolve("repo");
        Git git = TestRepository.init(directory);
        Files.writeString(directory.resolve("kept.txt"), "kept\n");
        Files.writeString(directory.resolve("gone.txt"), "gone\n");
        Files.writeString(directory.resolve(".gitignore"), "*.log\n");
        git.run("add", ".");
        git.run("commit", "-q", "-m", "initial");
        GitRepository repository = GitRepository.open(directory, TestEnvironment.ofThisJvm());
        Files.writeString(directory.resolve("kept.txt"), "changed\n");
        Files.delete(directory.resolve("gone.txt"));
        Files.createDirectories(directory.resolve("new dir"));
        Files.writeString(directory.resolve("new dir/fresh.txt"), "fresh\n");
        Files.writeString(directory.resolve("noise.log"), "ignored\n");

        List<StatusEntry> status = repository.changes().status();

        assertThat(status).extracting(StatusEntry::path).containsExactlyInAnyOrder("kept.txt", "gone.txt",
                "new dir/fresh.txt");
        assertThat(status).filteredOn(StatusEntry::isUntracked).extracting(StatusEntry::path)
                .containsExactly("new dir/fresh.txt");
        assertThat(status).filteredOn(StatusEntry::isDeleted).extracting(StatusEntry::path).containsExactly("gone.txt");

        git.run("add", "-A");
        List<PathChange> staged = repository.changes().staged();
        ObjectId fresh = ObjectId.of(git.run("hash-object", "new dir/fresh.txt").text());
        assertThat(staged).filteredOn(change -> change.path().equals("new dir/fresh.txt")).singleElement()
                .satisfies(change -> {
                    assertThat(change.isAdded()).isTrue();
                    assertThat(change.after()).contains(fresh);
                });
        assertThat(staged).filteredOn(PathChange::isDeleted).extracting(PathChange::path).containsExactly("gone.txt");

        git.run("commit", "-q", "-m", "second");
        List<PathChange> committed = repository.changes().ofCommit(repository.findCommit("HEAD").orElseThrow());
        assertThat(committed).extracting(PathChange::path).containsExactlyInAnyOrder("kept.txt", "gone.txt",
                "new dir/fresh.txt");
        assertThat(repository.changes().ofCommit(repository.findCommit("HEAD~1").orElseThrow()))
                .as("a root commit against nothing").extracting(PathChange::before).containsOnly(Optional.empty());
    }

    @Test
    void theStatusOfSomePathsNamesThemLiterallyAndNothingElse() throws IOException {
        Path directory = temp.resolve("repo");
        Git git = TestRepository.init(directory);
        for (String name : List.of("a*.txt", "ab.txt", "other.txt", "same.txt")) {
            Files.writeString(directory.resolve(name), "v1\n");
        }
        git.run("add", ".");
        git.run("commit", "-q", "-m", "initial");
        GitRepository repository = GitRepository.open(directory, TestEnvironment.ofThisJvm());
        for (String name : List.of("a*.txt", "ab.txt", "other.txt")) {
            Files.writeString(directory.resolve(name), "v2\n");
        }
        Files.createDirectories(directory.resolve("new dir"));
        Files.writeString(directory.resolve("new dir/line\nbreak.txt"), "fresh\n");
        Files.writeString(directory.resolve("new dir/not asked.txt"), "fresh\n");

        List<StatusEntry> status = repository.changes().status(List.of("a*.txt", "same.txt", "new dir/line\nbreak.txt",
                "missing.txt"));

        assertThat(status).extracting(StatusEntry::path).containsExactly("a*.txt", "new dir/line\nbreak.txt");
        assertThat(repository.changes().status(List.of())).isEmpty();
    }

    @Test
    void namesTheHooksDirectoryAndTheOperationInProgress() throws IOException {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        Files.createDirectories(repository.commonDir().resolve("hooks"));
        assertThat(repository.hooksDirectory()).isEqualTo(repository.commonDir().resolve("hooks"));
        assertThat(repository.worktreeId()).isEmpty();
        assertThat(repository.operationInProgress()).isEqualTo(RepositoryOperation.NONE);
        Files.createDirectories(repository.gitDir().resolve("rebase-merge"));
        assertThat(repository.operationInProgress()).isEqualTo(RepositoryOperation.REBASE);

        repository.git().run("worktree", "add", "-q", temp.resolve("linked").toString());
        GitRepository linked = GitRepository.open(temp.resolve("linked"), TestEnvironment.ofThisJvm());
        assertThat(linked.worktreeId()).isEqualTo("linked");
        assertThat(linked.hooksDirectory().toRealPath()).as("linked worktrees share the hooks")
                .isEqualTo(repository.hooksDirectory().toRealPath());
        assertThat(linked.operationInProgress()).isEqualTo(RepositoryOperation.NONE);
    }
}
