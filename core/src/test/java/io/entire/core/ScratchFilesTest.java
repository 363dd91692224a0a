package io.entire.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchFilesTest {
    @TempDir
    Path temp;

    @Test
    void createsNewEmptyFilesOnlyTheirOwnerCanRead() throws IOException {
        Path directory = temp.resolve("entire-tmp/nested");
        Set<Path> created = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Path file = ScratchFiles.create(directory, "blob", ".tmp");
            assertThat(file.getParent()).isEqualTo(directory);
            assertThat(file.getFileName().toString()).matches("blob[0-9a-f]{16}\\.tmp");
            assertThat(Files.size(file)).isZero();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            created.add(file);
        }
        assertThat(created).hasSize(200);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
    }
}
