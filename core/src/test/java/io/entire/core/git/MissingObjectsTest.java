package io.entire.core.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.testing.TestRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MissingObjectsTest {
    @TempDir
    Path temp;

    @Test
    void theBlobsATreeNamesAndTheRepositoryLacksAreFoundAndNoOthers() throws IOException {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        Git git = repository.git();
        String kept = git.run(List.of("hash-object", "-w", "--stdin"), "kept\n".getBytes(StandardCharsets.UTF_8))
                .text().strip();
        String lost = git.run(List.of("hash-object", "-w", "--stdin"), "lost\n".getBytes(StandardCharsets.UTF_8))
                .text().strip();
        ObjectId inner = ObjectId.of(git.run(List.of("mktree"), ("100644 blob " + lost + "\tprompt.txt\n")
                .getBytes(StandardCharsets.UTF_8)).text().strip());
        ObjectId folder = ObjectId.of(git.run(List.of("mktree"), ("100644 blob " + kept + "\tmetadata.json\n"
                + "040000 tree " + inner.hex() + "\t0\n").getBytes(StandardCharsets.UTF_8)).text().strip());
        ObjectId whole = ObjectId.of(git.run(List.of("mktree"), ("100644 blob " + kept + "\tmetadata.json\n")
                .getBytes(StandardCharsets.UTF_8)).text().strip());

        assertThat(MissingObjects.under(repository, List.of(folder, whole))).isEmpty();
        Files.delete(repository.commonDir().resolve("objects").resolve(lost.substring(0, 2))
                .resolve(lost.substring(2)));

        assertThat(MissingObjects.under(repository, List.of(folder, whole))).containsExactly(ObjectId.of(lost));
        assertThat(MissingObjects.under(repository, List.of(whole))).isEmpty();
        assertThat(MissingObjects.under(repository, List.of())).isEmpty();
    }
}
