package io.entire.core;

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Whole small files (settings, session state, git's own files, commit messages) read and written through
 * {@code java.io} streams. {@code java.nio.file.Files} reads and writes through a {@code FileChannel}, whose first use
 * loads two native libraries (one probes the network stack) and ~40 classes: ~1 ms of a light hook's ~35.
 */
public final class SmallFiles {
    private SmallFiles() {
    }

    /** The file's bytes; {@link NoSuchFileException} when it does not exist, as {@code Files.readAllBytes}. */
    public static byte[] read(Path file) throws IOException {
        FileInputStream in;
        try {
            in = new FileInputStream(file.toFile());
        } catch (FileNotFoundException e) {
            if (Files.notExists(file)) {
                throw new NoSuchFileException(file.toString());
            }
            throw e;   // a directory, or not readable: the message says which
        }
        try (in) {
            return in.readAllBytes();
        }
    }

    /**
     * The file's text, which must be UTF-8: malformed input is a {@code CharacterCodingException}, as
     * {@code Files.readString} has it, so that text in another encoding is never rewritten with replacement characters.
     */
    public static String readUtf8(Path file) throws IOException {
        return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(read(file))).toString();
    }

    /** Creates or truncates the file and writes {@code bytes}. */
    public static void write(Path file, byte[] bytes) throws IOException {
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            out.write(bytes);
        }
    }

    /** Creates or truncates the file and writes {@code text} as UTF-8. */
    public static void writeUtf8(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes {@code text} as UTF-8 over the start of the file (created if missing) and cuts off what is left after
     * it: no more atomic than {@link #writeUtf8}, but ext4 sends the new data of a file truncated to nothing to the
     * disk when it is closed (auto_da_alloc), and a hook waits for that.
     */
    public static void overwriteUtf8(Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.write(bytes);
            out.setLength(bytes.length);
        }
    }
}
