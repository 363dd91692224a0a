package io.entire.core.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.testing.TestEnvironment;
import io.entire.core.testing.TestRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchIndexTest {
    @TempDir
    Path temp;

    @Test
    void stagesTheWholeWorkTreeInItsOwnFileAndReportsWhatChangedSinceATreeWhileTheUsersIndexStaysAsItWas()
            throws IOException {
        Path directory = temp.resolve("repo");
        Git git = TestRepository.init(directory);
        Files.writeString(directory.resolve(".gitignore"), "*.log\n");
        Files.writeString(directory.resolve("kept.txt"), "kept\n");
        Files.writeString(directory.resolve("gone.txt"), "gone\n");
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
        Files.writeString(directory.resolve("kept.txt"), "changed again\n");
        Files.delete(directory.resolve("gone.txt"));
        Files.writeString(directory.resolve("fresh.txt"), "fresh\n");
        Files.writeString(directory.resolve("noise.log"), "ignored\n");
        scratch.stageWorkTree();
        List<PathChange> changes = scratch.changesSince(before);

        assertThat(git.run("ls-tree", "--name-only", before.hex()).text().lines())
                .containsExactly(".gitignore", "draft.txt", "gone.txt", "kept.txt");
        assertThat(changes).extracting(PathChange::path).containsExactly("fresh.txt", "gone.txt", "kept.txt");
        assertThat(changes).filteredOn(change -> change.path().equals("kept.txt")).singleElement()
                .satisfies(change -> assertThat(change.after())
                        .contains(ObjectId.of(git.run("hash-object", "kept.txt").text())));
        assertThat(Files.readAllBytes(repository.indexFile())).as("the user's index").isEqualTo(usersIndex);
        assertThat(git.run("status", "--porcelain").text().lines())
                .containsExactly(" D gone.txt", " M kept.txt", "?? draft.txt", "?? fresh.txt");
    }
}
