package io.entire.core.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entire.core.testing.TestRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectWriterTest {
    @TempDir
    Path temp;

    @Test
    void aFileWhosePathHoldsANewlineIsWrittenAndNoCopyIsLeftBehind() throws IOException {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        Path folder = Files.createDirectories(repository.workTree().resolve("odd\nfolder"));
        Path file = Files.writeString(folder.resolve("notes\nv2.txt"), "two lines\nof notes\n");
        ObjectId plain = ObjectId.of(repository.git().run(List.of("hash-object", "--stdin"),
                "two lines\nof notes\n".getBytes(StandardCharsets.UTF_8)).text().strip());

        ObjectId written;
        try (ObjectWriter writer = repository.openWriter()) {
            written = writer.writeBlob(file);
        }

        assertThat(written).isEqualTo(plain);
        assertThat(repository.git().run("cat-file", "-p", written.hex()).stdout())
                .isEqualTo("two lines\nof notes\n".getBytes(StandardCharsets.UTF_8));
        try (var left = Files.list(repository.commonDir().resolve("entire-tmp"))) {
            assertThat(left).as("the scratch copy is deleted").isEmpty();
        }
    }

    @Test
    void aWriterThatCouldNotStartAheadStartsAgainAtTheNextWrite() throws IOException {
        Path later = temp.resolve("later");   // no folder yet: git cannot start there
        Path scratch = Files.createDirectories(temp.resolve("scratch"));
        try (ObjectWriter writer = new ObjectWriter(new Git(later), scratch, later.resolve(".git/objects/pack"))) {
            writer.expectCommits();
            assertThatThrownBy(() -> writer.writeBlob("a\n".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(RuntimeException.class);
            // The tree writer started ahead as well: it must have failed before the folder appears, not after.
            assertThatThrownBy(() -> writer.writeTree(List.of())).isInstanceOf(RuntimeException.class);
            GitRepository repository = TestRepository.withCommit(later);

            ObjectId written = writer.writeBlob("a\n".getBytes(StandardCharsets.UTF_8));

            assertThat(repository.git().run("cat-file", "-p", written.hex()).stdout())
                    .isEqualTo("a\n".getBytes(StandardCharsets.UTF_8));
        }
    }
}
