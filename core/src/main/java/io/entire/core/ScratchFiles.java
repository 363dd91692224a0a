package io.entire.core;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Set;

/**
 * Creates scratch files readable by their owner only, as {@link Files#createTempFile} does, without its
 * {@code SecureRandom}: setting that up cost the stop hook ~6 ms, and a scratch name needs no more than the kernel's
 * random bits.
 */
public final class ScratchFiles {
    private static final int ATTEMPTS = 10;

    private ScratchFiles() {
    }

    /**
     * A new empty file {@code <prefix><random><suffix>} in {@code directory}, which is created with its parents when
     * missing (itself readable by its owner only).
     */
    public static Path create(Path directory, String prefix, String suffix) throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory.getParent());
            OwnFiles.directory(directory.getParent(), directory.getFileName().toString(), OwnFiles.Access.PRIVATE);
        }
        boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] ownerOnly = posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))} : new FileAttribute<?>[0];
        RandomSource random = RandomSource.system();
        byte[] name = new byte[8];
        for (int attempt = 1; ; attempt++) {
            random.nextBytes(name);
            Path file = directory.resolve(prefix + HexFormat.of().formatHex(name) + suffix);
            try {
                return Files.createFile(file, ownerOnly);
            } catch (FileAlreadyExistsException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** As {@link #create}, in the system's temporary directory. */
    public static Path create(String prefix, String suffix) throws IOException {
        return create(Path.of(System.getProperty("java.io.tmpdir")), prefix, suffix);
    }
}
