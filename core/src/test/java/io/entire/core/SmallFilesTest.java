package io.entire.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmallFilesTest {
    @TempDir
    Path directory;

    @Test
    void writeReplacesTheWholeFileAndReadGivesItBack() throws IOException {
        Path file = directory.resolve("COMMIT_EDITMSG");
        SmallFiles.writeUtf8(file, "a much longer first message, with ü\n");

        SmallFiles.writeUtf8(file, "short ü\n");

        assertThat(SmallFiles.readUtf8(file)).isEqualTo("short ü\n");
        assertThat(SmallFiles.read(file)).isEqualTo("short ü\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aMissingFileIsNoSuchFileAndADirectoryIsAnotherFailure() {
        assertThatThrownBy(() -> SmallFiles.read(directory.resolve("missing.json")))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("missing.json");
        assertThatThrownBy(() -> SmallFiles.read(directory))
                .isInstanceOf(IOException.class).isNotInstanceOf(NoSuchFileException.class);
    }

    @Test
    void textThatIsNotUtf8IsRefusedRatherThanReplaced() throws IOException {
        Path file = directory.resolve("latin1.txt");
        Files.write(file, "caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> SmallFiles.readUtf8(file)).isInstanceOf(CharacterCodingException.class);
    }
}
