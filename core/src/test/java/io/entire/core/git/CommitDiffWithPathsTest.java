package io.entire.core.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.testing.TestRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One {@code git diff-tree} reads what the two a post-commit asked for read: the commit's paths and its lines. */
class CommitDiffWithPathsTest {
    @TempDir
    Path temp;

    @Test
    void givesWhatTheRawAndThePatchDiffsGiveApart() throws IOException {
        Path directory = temp.resolve("repo");
        GitRepository repository = TestRepository.withCommit(directory);
        write(directory, "src/lexer.go", "package lexer\n\nfunc Lex() {}\n");
        write(directory, "old.txt", "old\n");
        repository.git().run("add", ".");
        repository.git().run("commit", "-q", "-m", "first files");
        write(directory, "src/lexer.go", "package lexer\n\nfunc Lex() { return }\n");
        write(directory, "dir a/f\u00e9 \"quoted\".txt", "one\ntwo\n");
        Files.write(directory.resolve("image.bin"), new byte[] {0, 1, 2, 0, 3});
        Files.writeString(directory.resolve("empty.txt"), "");
        repository.git().run("rm", "-q", "old.txt");
        repository.git().run("add", ".");
        repository.git().run("commit", "-q", "-m", "second");

        for (String revision : new String[] {"HEAD", "HEAD~1", "HEAD~2"}) {
            ObjectId commit = ObjectId.of(repository.git().run("rev-parse", revision).text().strip());

            CommitChanges together = CommitDiff.withPaths(repository, commit);

            assertThat(together.paths()).as(revision).isEqualTo(repository.changes().ofCommit(commit));
            assertThat(together.files()).as(revision).isEqualTo(CommitDiff.of(repository, commit));
        }
    }

    private static void write(Path directory, String path, String content) throws IOException {
        Path file = directory.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
