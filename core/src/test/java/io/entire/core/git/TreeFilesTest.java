package io.entire.core.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entire.core.testing.TestRepository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeFilesTest {
    @TempDir
    Path temp;

    @Test
    void listsEveryFileOfEachTreeInRequestOrderWhileGitStreams() {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        ObjectId empty;
        ObjectId nested;
        ObjectId flat;
        ObjectId text;
        ObjectId script;
        try (ObjectWriter writer = repository.openWriter()) {
            text = writer.writeBlob("text\n".getBytes(StandardCharsets.UTF_8));
            script = writer.writeBlob("#!/bin/sh\n".getBytes(StandardCharsets.UTF_8));
            empty = writer.writeTree(List.of());
            ObjectId slot = writer.writeTree(List.of(TreeEntry.file("metadata.json", text),
                    new TreeEntry(TreeEntry.Mode.EXECUTABLE, "run é.sh", script)));
            nested = writer.writeTree(List.of(TreeEntry.file("metadata.json", text), TreeEntry.tree("0", slot)));
            flat = writer.writeTree(List.of(TreeEntry.file("a.txt", text)));
        }
        List<ObjectId> trees = List.of(empty, nested, nested, empty, flat, empty);
        List<Integer> positions = new ArrayList<>();
        List<List<TreeFiles.File>> listings = new ArrayList<>();

        TreeFiles.forEach(repository, trees, (position, files) -> {
            positions.add(position);
            listings.add(files);
        });

        assertThat(positions).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(listings).hasSize(6);
        assertThat(listings.get(0)).isEmpty();
        assertThat(listings.get(1)).containsExactly(
                new TreeFiles.File("0/metadata.json", TreeEntry.Mode.FILE, text),
                new TreeFiles.File("0/run é.sh", TreeEntry.Mode.EXECUTABLE, script),
                new TreeFiles.File("metadata.json", TreeEntry.Mode.FILE, text));
        assertThat(listings.get(2)).isEqualTo(listings.get(1));
        assertThat(listings.get(3)).isEmpty();
        assertThat(listings.get(4)).containsExactly(new TreeFiles.File("a.txt", TreeEntry.Mode.FILE, text));
        assertThat(listings.get(5)).isEmpty();
    }

    @Test
    void aTreeGitCannotReadIsAGitException() {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        ObjectId missing = ObjectId.of("1234567890123456789012345678901234567890");

        assertThatThrownBy(() -> TreeFiles.forEach(repository, List.of(missing), (position, files) -> { }))
                .isInstanceOf(GitException.class);
    }
}
