package io.entire.core.json;

import io.entire.core.OwnFiles;
import io.entire.core.OwnFiles.Access;
import io.entire.core.SmallFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** Small JSON documents on disk (settings, session state): read as objects, replaced atomically. */
public final class JsonFiles {
    private JsonFiles() {
    }

    /**
     * The object a file holds; empty when there is no such file. Text that is not a JSON object is a
     * {@link JsonFormatException}, for the caller to name the file in its own terms.
     */
    public static Optional<JsonObject> readObject(Path file) {
        byte[] bytes;
        try {
            bytes = SmallFiles.read(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
        return Optional.of(new JsonReader().parseObject(bytes));
    }

    /**
     * Writes the document through a temporary sibling and an atomic rename, so no reader sees half a file. The rename
     * replaces a symbolic link at {@code file} rather than writing through it; the caller checks the folders above.
     */
    public static void writeAtomically(Path file, JsonValue document) {
        write(file, document, Access.SHARED);
    }

    /** As {@link #writeAtomically}, into a file only its owner may read (session state: prompts, paths). */
    public static void writePrivately(Path file, JsonValue document) {
        write(file, document, Access.PRIVATE);
    }

    private static void write(Path file, JsonValue document, Access access) {
        Path temporary = file.resolveSibling(file.getFileName() + ".entire-tmp");
        byte[] bytes = JsonWriter.pretty(document);
        try {
            try {
                OwnFiles.writeNewFile(temporary, bytes, access);
            } catch (NoSuchFileException | FileAlreadyExistsException notFresh) {
                // No folder yet, or what a killed writer (or a repository's author) left under that name: a fresh file.
                Files.createDirectories(file.getParent());
                Files.deleteIfExists(temporary);
                OwnFiles.writeNewFile(temporary, bytes, access);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }
}
