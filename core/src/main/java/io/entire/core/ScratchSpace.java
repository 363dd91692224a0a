package io.entire.core;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A folder of scratch files for one operation (the redacted copy of a transcript while a checkpoint is written) under
 * a shared root such as {@code <git common dir>/entire-tmp}, removed on close. A killed process cannot remove its
 * folder, so each folder has a lock file its owner holds while it lives: opening a space removes the folders whose
 * owner is gone (their lock can be taken), never one whose owner still runs, in this JVM or another. Loose files in
 * the root (blob scratch files, an older version's transcript copies) go once older than {@link #LOOSE_FILE_AGE}:
 * their writers need them for milliseconds. Serves one thread; close it when done.
 */
public final class ScratchSpace implements AutoCloseable {
    /** How old a loose file of the root must be before it counts as left behind. */
    static final Duration LOOSE_FILE_AGE = Duration.ofHours(1);

    private static final System.Logger LOG = Log.of(ScratchSpace.class);
    private static final String LOCK_SUFFIX = ".lock";
    private static final int ATTEMPTS = 10;

    private final Path directory;
    private final Path lockFile;
    private final FileLocks.Held lock;

    private ScratchSpace(Path directory, Path lockFile, FileLocks.Held lock) {
        this.directory = directory;
        this.lockFile = lockFile;
        this.lock = lock;
    }

    /** Removes what dead owners left in {@code root}, then opens a new space there (root created owner-only). */
    public static ScratchSpace open(Path root) throws IOException {
        Files.createDirectories(root.getParent());
        OwnFiles.directory(root.getParent(), root.getFileName().toString(), OwnFiles.Access.PRIVATE);
        removeLeftovers(root, Instant.now());
        RandomSource random = RandomSource.system();
        byte[] bits = new byte[8];
        for (int attempt = 1; ; attempt++) {
            random.nextBytes(bits);
            String name = "space-" + HexFormat.of().formatHex(bits);
            Path lockFile = root.resolve(name + LOCK_SUFFIX);
            FileLocks.Held lock = FileLocks.lock(lockFile);
            // A sweeper may have taken and removed the file between its creation and our lock: then it is no one's.
            if (Files.exists(lockFile, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    return new ScratchSpace(OwnFiles.directory(root, name, OwnFiles.Access.PRIVATE), lockFile, lock);
                } catch (IOException | RuntimeException e) {
                    lock.close();
                    throw e;
                }
            }
            lock.close();
            if (attempt == ATTEMPTS) {
                throw new IOException("could not open a scratch folder in " + root + " after " + ATTEMPTS + " tries");
            }
        }
    }

    /** The folder to put this operation's scratch files in. */
    public Path directory() {
        return directory;
    }

    /** Removes the folder with its files, then the lock file. */
    @Override
    public void close() throws IOException {
        try {
            deleteTree(directory);
            Files.deleteIfExists(lockFile);
        } finally {
            lock.close();
        }
    }

    /** What owners that are gone left in {@code root}; a failure to remove one is logged, never fatal. */
    static void removeLeftovers(Path root, Instant now) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                try {
                    removeIfLeftOver(root, entry, now);
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "could not remove scratch leftover " + entry + ": " + e.getMessage());
                }
            }
        }
    }

    private static void removeIfLeftOver(Path root, Path entry, Instant now) throws IOException {
        String name = entry.getFileName().toString();
        if (name.endsWith(LOCK_SUFFIX)) {
            Optional<FileLocks.Held> abandoned = FileLocks.tryLockExisting(entry);
            if (abandoned.isPresent()) {
                try (FileLocks.Held held = abandoned.get()) {
                    deleteTree(root.resolve(name.substring(0, name.length() - LOCK_SUFFIX.length())));
                    Files.deleteIfExists(entry);
                }
            }
            return;
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException gone) {
            return;
        }
        boolean old = attributes.lastModifiedTime().toInstant().isBefore(now.minus(LOOSE_FILE_AGE));
        if (attributes.isDirectory()) {
            // A space's folder outlives its lock file only if a sweeper raced its creation; left until long dead.
            if (old && Files.notExists(root.resolve(name + LOCK_SUFFIX), LinkOption.NOFOLLOW_LINKS)) {
                deleteTree(entry);
            }
        } else if (old) {
            Files.deleteIfExists(entry);
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        DirectoryStream<Path> entries;
        try {
            entries = Files.newDirectoryStream(directory);
        } catch (NoSuchFileException gone) {
            return;
        }
        try (entries) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    deleteTree(entry);
                } else {
                    Files.deleteIfExists(entry);
                }
            }
        }
        Files.deleteIfExists(directory);
    }
}
