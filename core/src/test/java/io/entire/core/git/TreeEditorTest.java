package io.entire.core.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.testing.TestRepository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeEditorTest {
    @TempDir
    Path temp;

    @Test
    void setsAndRemovesNestedPathsAndDropsDirectoriesLeftEmpty() {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        Git git = repository.git();
        try (BatchReader reader = repository.openReader(); ObjectWriter writer = repository.openWriter()) {
            TreeEditor editor = new TreeEditor(reader, writer);
            ObjectId a = writer.writeBlob("a\n".getBytes(StandardCharsets.UTF_8));
            ObjectId b = writer.writeBlob("b\n".getBytes(StandardCharsets.UTF_8));
            Map<String, Optional<TreeEntry>> first = new LinkedHashMap<>();
            first.put("src/main/A.java", Optional.of(TreeEntry.file("name-is-ignored", a)));
            first.put("src/main/B.java", Optional.of(new TreeEntry(TreeEntry.Mode.EXECUTABLE, "B.java", b)));
            first.put("top.txt", Optional.of(TreeEntry.file("top.txt", a)));
            ObjectId tree = editor.apply(Optional.empty(), first);

            assertThat(lsTree(git, tree)).isEqualTo("100644 blob " + a + "\tsrc/main/A.java\n"
                    + "100755 blob " + b + "\tsrc/main/B.java\n100644 blob " + a + "\ttop.txt");

            Map<String, Optional<TreeEntry>> second = new LinkedHashMap<>();
            second.put("src/main/A.java", Optional.empty());
            second.put("src/main/B.java", Optional.empty());
            second.put("docs/new.md", Optional.of(TreeEntry.file("new.md", b)));
            second.put("not/there.txt", Optional.empty());
            ObjectId edited = editor.apply(Optional.of(tree), second);

            assertThat(lsTree(git, edited)).isEqualTo("100644 blob " + b + "\tdocs/new.md\n100644 blob " + a
                    + "\ttop.txt");
            assertThat(editor.apply(Optional.of(edited), Map.of())).isEqualTo(edited);
            assertThat(git.run("fsck", "--strict").succeeded()).isTrue();
        }
    }

    private static String lsTree(Git git, ObjectId tree) {
        return git.run("ls-tree", "-r", tree.hex()).text();
    }
}
