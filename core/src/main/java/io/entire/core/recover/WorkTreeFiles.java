package io.entire.core.recover;

import static java.util.Objects.requireNonNull;

import io.entire.core.OwnFiles;
import io.entire.core.git.BatchReader;
import io.entire.core.git.TreeEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Writes and deletes work tree files for a rewind, never through a symbolic link in a folder above them. A file is
 * written to a temporary name beside it and renamed over the old one, so no one reads half of it; a link or file
 * in the way is replaced, not followed. Folders a deletion empties go too.
 */
final class WorkTreeFiles {
    private final Path workTree;
    private final BatchReader reader;

    WorkTreeFiles(Path workTree, BatchReader reader) {
        this.workTree = requireNonNull(workTree, "workTree is null");
        this.reader = requireNonNull(reader, "reader is null");
    }

    void apply(FileChange change) {
        Path file = workTree.resolve(change.path()).normalize();
        OwnFiles.requireNoLink(workTree, file.getParent());
        try {
            if (change.target().isEmpty()) {
                Files.deleteIfExists(file);
                removeEmptyFolders(file.getParent());
            } else {
                write(file, change.target().get());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("restoring " + change.path(), e);
        }
    }

    private void write(Path file, TreeEntry entry) throws IOException {
        byte[] content = reader.readBlob(entry.id());
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling("." + file.getFileName() + ".entire-rewind-" + System.nanoTime());
        if (entry.mode() == TreeEntry.Mode.SYMLINK) {
            Files.createSymbolicLink(temporary, Path.of(new String(content, StandardCharsets.UTF_8)));
        } else {
            Files.write(temporary, content);
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(temporary);
            if (entry.mode() == TreeEntry.Mode.EXECUTABLE) {
                // Executable by whoever may read it, as git checks an executable file out under the umask.
                permissions.add(PosixFilePermission.OWNER_EXECUTE);
                if (permissions.contains(PosixFilePermission.GROUP_READ)) {
                    permissions.add(PosixFilePermission.GROUP_EXECUTE);
                }
                if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
                    permissions.add(PosixFilePermission.OTHERS_EXECUTE);
                }
            }
            Files.setPosixFilePermissions(temporary, permissions);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void removeEmptyFolders(Path folder) throws IOException {
        for (Path current = folder; current != null && current.startsWith(workTree) && !current.equals(workTree);
                current = current.getParent()) {
            try {
                if (!Files.deleteIfExists(current)) {
                    return;
                }
            } catch (DirectoryNotEmptyException kept) {
                return;
            }
        }
    }
}
