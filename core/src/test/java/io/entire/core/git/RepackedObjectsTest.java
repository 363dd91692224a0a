package io.entire.core.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entire.core.testing.TestRepository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers started before another process packed objects (a repack, gc, or a fetch that kept its pack) must still
 * find those objects: {@code git mktree --batch} looks objects up without rescanning the pack folder, so a tree
 * naming an object that only a newer pack holds used to fail with "object ... is unavailable".
 */
class RepackedObjectsTest {
    @TempDir
    Path temp;

    @Test
    void workersStartedBeforeARepackFindObjectsOnlyTheNewPackHolds() {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        Git git = repository.git();
        try (ObjectWriter writer = repository.openWriter(); BatchReader reader = repository.openReader()) {
            ObjectId first = writer.writeBlob("started before the repack\n".getBytes(StandardCharsets.UTF_8));
            writer.writeTree(List.of(TreeEntry.file("first.txt", first)));   // starts mktree
            reader.read(first);                                               // starts cat-file

            ObjectId packed = ObjectId.of(git.run(List.of("hash-object", "-w", "--stdin"),
                    "written by another process\n".getBytes(StandardCharsets.UTF_8)).text().strip());
            ObjectId tree = ObjectId.of(git.run(List.of("mktree"),
                    ("100644 blob " + packed.hex() + "\tpacked.txt\n").getBytes(StandardCharsets.UTF_8)).text()
                    .strip());
            git.run("update-ref", "refs/heads/other", git.run("commit-tree", tree.hex(), "-m", "other").text().strip());
            git.run("repack", "-a", "-d", "-q");
            git.run("prune-packed");
            assertThat(repository.commonDir().resolve("objects").resolve(packed.hex().substring(0, 2))
                    .resolve(packed.hex().substring(2))).as("only the new pack holds it").doesNotExist();

            ObjectId written = writer.writeTree(List.of(TreeEntry.file("packed.txt", packed),
                    TreeEntry.file("first.txt", first)));
            assertThat(reader.readTree(written)).extracting(TreeEntry::name).containsExactly("first.txt", "packed.txt");
            assertThat(new String(reader.readBlob(packed), StandardCharsets.UTF_8))
                    .isEqualTo("written by another process\n");
            assertThat(reader.readTree(tree)).extracting(TreeEntry::id).containsExactly(packed);
        }
        assertThat(git.run("fsck", "--strict").succeeded()).isTrue();
    }

    @Test
    void aTreeNamingAnObjectNoProcessCanFindStillFails() {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        ObjectId absent = ObjectId.of("0123456789abcdef0123456789abcdef01234567");
        try (ObjectWriter writer = repository.openWriter()) {
            assertThatThrownBy(() -> writer.writeTree(
                    List.of(TreeEntry.file("absent.txt", absent)))).isInstanceOf(MissingObjectException.class)
                    .hasMessageContaining(absent.hex());
        }
    }
}
