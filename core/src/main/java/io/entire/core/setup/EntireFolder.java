package io.entire.core.setup;

import static java.util.Objects.requireNonNull;

import io.entire.core.settings.SettingsLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A work tree's {@code .entire/} folder as {@code disable --uninstall} leaves it: removed when it holds nothing but
 * what Entire put there (its settings, {@code .gitignore} and the folders that lists), kept otherwise.
 */
final class EntireFolder {
    private static final Set<String> OURS = Set.of("settings.json", "settings.local.json", ".gitignore", "tmp",
            "metadata", "logs");

    private final Path folder;

    EntireFolder(Path workTree) {
        this.folder = requireNonNull(workTree, "workTree is null").resolve(SettingsLoader.DIRECTORY);
    }

    /** The names in the folder Entire did not put there, sorted; empty when there are none or no folder. */
    List<String> othersFiles() {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        Set<String> others = new TreeSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                // a link where Entire writes a file or folder is not Entire's
                if (!OURS.contains(name) || Files.isSymbolicLink(entry)) {
                    others.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + folder, e);
        }
        return List.copyOf(others);
    }

    /** Removes the folder when it holds only Entire's files; returns whether it is gone. Links are never followed. */
    boolean removeIfOnlyOurs() {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS) || !othersFiles().isEmpty()) {
            return false;
        }
        List<Path> removed = new ArrayList<>();
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    Files.delete(directory);
                    removed.add(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("removing " + folder, e);
        }
        return removed.contains(folder);
    }
}
