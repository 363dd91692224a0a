package io.entire.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFilesTest {
    private static final JsonObject DOCUMENT = new JsonObject(Map.of("phase", new JsonString("idle")));

    @TempDir
    Path temp;

    @Test
    void aPrivateFileIsWrittenIntoFoldersCreatedForIt() throws IOException {
        Path file = temp.resolve("a/b/state.json");

        JsonFiles.writePrivately(file, DOCUMENT);

        assertThat(JsonFiles.readObject(file)).contains(DOCUMENT);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(temp.resolve("a/b/state.json.entire-tmp")).doesNotExist();
    }

    @Test
    void aTemporaryFileAKilledWriterLeftIsNotWrittenThrough() throws IOException {
        Path file = temp.resolve("state.json");
        Path elsewhere = Files.writeString(temp.resolve("elsewhere.txt"), "theirs");
        Files.createSymbolicLink(temp.resolve("state.json.entire-tmp"), elsewhere);
        Files.writeString(temp.resolve("owed.json.entire-tmp"), "half a docu");

        JsonFiles.writePrivately(file, DOCUMENT);
        JsonFiles.writeAtomically(temp.resolve("owed.json"), DOCUMENT);

        assertThat(JsonFiles.readObject(file)).contains(DOCUMENT);
        assertThat(JsonFiles.readObject(temp.resolve("owed.json"))).contains(DOCUMENT);
        assertThat(elsewhere).hasContent("theirs");
        assertThat(Files.isSymbolicLink(file)).isFalse();
    }

    @Test
    void aFileIsReplacedWhole() throws IOException {
        Path file = Files.writeString(temp.resolve("state.json"), "{\"phase\": \"active\", \"steps\": [1, 2, 3]}\n");

        JsonFiles.writeAtomically(file, DOCUMENT);

        assertThat(JsonFiles.readObject(file)).contains(DOCUMENT);
    }
}
