package io.entire.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Folders and files Entire writes for itself below a root it trusts (a work tree, a git directory): never through a
 * symbolic link, which a cloned repository can commit in place of {@code .entire} or of any file in it, and readable
 * by their owner only where they hold session data (prompts, transcripts, logs).
 */
public final class OwnFiles {
    private static final Set<PosixFilePermission> OWNER_FILE = Set.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = Set.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    /** Who may read a folder {@link #directory} creates. */
    public enum Access {
        /** As the umask has it: folders whose files are shared anyway, like {@code .entire} with its settings. */
        SHARED,
        /** The owner only: folders of session state, logs and scratch files. */
        PRIVATE
    }

    private OwnFiles() {
    }

    /**
     * {@code root/relative}, a directory created as needed (its last folder with {@code access}, those above it as
     * the umask has them), with no symbolic link from {@code root} down: a {@link LinkedPathException} otherwise,
     * thrown before anything is created below the link.
     */
    public static Path directory(Path root, String relative, Access access) throws IOException {
        Path target = root.resolve(relative);
        Path directory = root;
        for (Path name : root.relativize(target)) {
            directory = directory.resolve(name);
            if (isPresent(directory)) {
                continue;
            }
            FileAttribute<?>[] attributes = access == Access.PRIVATE && directory.equals(target)
                    ? permissions(directory, OWNER_DIRECTORY) : new FileAttribute<?>[0];
            try {
                Files.createDirectory(directory, attributes);
            } catch (FileAlreadyExistsException raced) {
                isPresent(directory);   // made meanwhile by another hook: still no link allowed
            }
        }
        return directory;
    }

    /**
     * Throws a {@link LinkedPathException} when {@code path}, or a folder between {@code root} and it, is a symbolic
     * link. What is missing is no link: it will be created as a plain file or folder.
     */
    public static void requireNoLink(Path root, Path path) {
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException(path + " is not inside " + root);
        }
        Path current = root;
        for (Path name : root.relativize(path)) {
            current = current.resolve(name);
            try {
                if (!isPresent(current)) {
                    return;
                }
            } catch (IOException unreadable) {
                return;   // the write itself will fail, and say why
            }
        }
    }

    /** Creates a new empty file only its owner may read and write; anything already there (a link too) is an error. */
    public static Path createPrivateFile(Path file) throws IOException {
        return Files.createFile(file, permissions(file, OWNER_FILE));
    }

    /**
     * Creates a new file holding {@code bytes}, readable as {@code access} says, in one open: anything already there
     * (a link too) is a {@link java.nio.file.FileAlreadyExistsException}, a missing folder a
     * {@link java.nio.file.NoSuchFileException}.
     */
    public static void writeNewFile(Path file, byte[] bytes, Access access) throws IOException {
        FileAttribute<?>[] attributes = access == Access.PRIVATE ? permissions(file, OWNER_FILE)
                : new FileAttribute<?>[0];
        try (SeekableByteChannel out = Files.newByteChannel(file, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), attributes)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        }
    }

    /** False when nothing is there; a {@link LinkedPathException} when a symbolic link is. */
    private static boolean isPresent(Path path) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException absent) {
            return false;
        }
        if (attributes.isSymbolicLink()) {
            throw new LinkedPathException(path);
        }
        return true;
    }

    private static FileAttribute<?>[] permissions(Path path, Set<PosixFilePermission> permissions) {
        if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
    }
}
