package io.entire.core.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.testing.TestEnvironment;
import io.entire.core.testing.TestRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchIndexTest {
    @TempDir
    Path temp;

    @Test
    void stagesTheWholeWorkTreeInItsOwnFileAndNamesWhatChangedSinceWhileTheUsersIndexStaysAsItWas()
            throws IOException {
        Path directory = temp.resolve("repo");
        Git git = TestRepository.init(directory);
        Files.writeString(directory.resolve(".gitignore"), "*.log\n");
        Files.writeString(directory.resolve("kept.txt"), "kept\n");
        Files.writeString(directory.resolve("gone.txt"), "gone\n");
        Files.writeString(directory.resolve("link.txt"), "a file, then a link\n");
        Files.writeString(directory.resolve("touched.txt"), "same content\n");
        git.run("add", ".");
        git.run("commit", "-q", "-m", "initial");
        GitRepository repository = GitRepository.open(directory, TestEnvironment.ofThisJvm());
        Files.writeString(directory.resolve("kept.txt"), "changed before\n");
        Files.writeString(directory.resolve("draft.txt"), "untracked before\n");
        byte[] usersIndex = Files.readAllBytes(repository.indexFile());
        Path file = Files.copy(repository.indexFile(), temp.resolve("scratch.index"),
                StandardCopyOption.REPLACE_EXISTING);
        ScratchIndex scratch = repository.scratchIndex(file);

        scratch.stageWorkTree();
        ObjectId before = scratch.writeTree();
        byte[] staged = Files.readAllBytes(file);
        Files.writeString(directory.resolve("kept.txt"), "changed again\n");
        Files.delete(directory.resolve("gone.txt"));
        Files.delete(directory.resolve("link.txt"));
        Files.createSymbolicLink(directory.resolve("link.txt"), Path.of("kept.txt"));
        Files.writeString(directory.resolve("touched.txt"), "same content\n");
        Files.createDirectories(directory.resolve("new dir"));
        Files.writeString(directory.resolve("new dir/with space.txt"), "fresh\n");
        Files.writeString(directory.resolve("line\nbreak.txt"), "fresh\n");
        Files.writeString(directory.resolve("noise.log"), "ignored\n");

        assertThat(git.run("ls-tree", "--name-only", before.hex()).text().lines())
                .containsExactly(".gitignore", "draft.txt", "gone.txt", "kept.txt", "link.txt", "touched.txt");
        assertThat(scratch.workTreeChanges()).as("in git's order: bytes, unsigned")
                .containsExactly("gone.txt", "kept.txt", "line\nbreak.txt", "link.txt", "new dir/with space.txt");
        assertThat(Files.readAllBytes(file)).as("the scratch index, only read").isEqualTo(staged);
        assertThat(Files.readAllBytes(repository.indexFile())).as("the user's index").isEqualTo(usersIndex);
    }

    @Test
    void leavesSubmodulesAndNestedRepositoriesOut() throws IOException {
        Path directory = temp.resolve("repo");
        Git git = TestRepository.init(directory);
        Git library = TestRepository.init(directory.resolve("lib"));
        Files.writeString(directory.resolve("lib/lib.txt"), "v1\n");
        library.run("add", ".");
        library.run("commit", "-q", "-m", "v1");
        Files.writeString(directory.resolve("main.txt"), "main\n");
        git.run("add", "main.txt", "lib");
        git.run("commit", "-q", "-m", "initial");
        GitRepository repository = GitRepository.open(directory, TestEnvironment.ofThisJvm());
        Path file = Files.copy(repository.indexFile(), temp.resolve("scratch.index"));
        ScratchIndex scratch = repository.scratchIndex(file);
        scratch.stageWorkTree();

        Files.writeString(directory.resolve("lib/lib.txt"), "v2\n");
        library.run("commit", "-q", "-am", "v2");
        Files.writeString(directory.resolve("lib/lib.txt"), "v3, not committed\n");
        TestRepository.init(directory.resolve("vendored"));
        Files.writeString(directory.resolve("vendored/code.txt"), "theirs\n");
        Files.writeString(directory.resolve("main.txt"), "main, changed\n");

        assertThat(scratch.workTreeChanges()).containsExactly("main.txt");
    }
}
