package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The packs of a repository's object store, and the plumbing to write one from chosen refs, see what a pack holds
 * and remove one. Every call is one short-lived git command or a file operation; a pack becomes visible to readers
 * only once git renamed its index into place, so a killed {@link #write} leaves at most a temporary file.
 */
public final class ObjectPacks {
    /**
     * git's delta search, pinned for our packs: the defaults of window and depth (what a plain gc uses, so it keeps
     * our deltas), but one thread, since a threaded search splits the objects into runs that never see each other.
     */
    private static final List<String> PACK_OBJECTS = List.of("pack-objects", "-q", "--window=10", "--depth=50",
            "--threads=1", "--delta-base-offset");

    private final Git git;
    private final Path packDirectory;

    ObjectPacks(Git git, Path packDirectory) {
        this.git = requireNonNull(git, "git is null");
        this.packDirectory = requireNonNull(packDirectory, "packDirectory is null");
    }

    /** Every pack whose index is in place, by file name ({@code pack-<hash>.pack}). */
    public List<PackFile> list() {
        if (!Files.isDirectory(packDirectory)) {
            return List.of();
        }
        List<PackFile> packs = new ArrayList<>();
        try (Stream<Path> files = Files.list(packDirectory)) {
            for (Path index : files.filter(file -> file.getFileName().toString().endsWith(".idx")).toList()) {
                String stem = stem(index);
                Path pack = packDirectory.resolve(stem + ".pack");
                if (Files.isRegularFile(pack)) {
                    packs.add(new PackFile(stem + ".pack", Files.size(pack),
                            Files.exists(packDirectory.resolve(stem + ".keep"))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("listing the packs in " + packDirectory, e);
        }
        return packs;
    }

    /**
     * Writes one pack of every object reachable from {@code tips} that is not in one of the {@code excluded} packs,
     * deltas searched among the packed objects by file name and size, as git groups objects only by the end of their
     * path and our layouts put each transcript at a path of its own. Empty when there was nothing to pack.
     */
    public Optional<PackFile> write(Collection<ObjectId> tips, Collection<PackFile> excluded) {
        if (tips.isEmpty()) {
            return Optional.empty();
        }
        List<String> revList = new ArrayList<>(List.of("rev-list", "--objects", "--stdin"));
        StringBuilder tipLines = new StringBuilder();
        tips.forEach(tip -> tipLines.append(tip.hex()).append('\n'));
        GitResult objects = git.run(revList, tipLines.toString().getBytes(StandardCharsets.UTF_8));
        byte[] named = byFileName(objects.text());
        if (named.length == 0) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>(PACK_OBJECTS);
        excluded.forEach(pack -> command.add("--keep-pack=" + pack.name()));
        command.add(packDirectory.resolve("pack").toString());
        String hash = git.run(command, named).text().strip();
        if (hash.isEmpty()) {
            return Optional.empty();
        }
        Path pack = packDirectory.resolve("pack-" + hash + ".pack");
        try {
            return Optional.of(new PackFile(pack.getFileName().toString(), Files.size(pack), false));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the size of " + pack, e);
        }
    }

    /** The objects a pack holds, from its index. */
    public Set<ObjectId> objects(PackFile pack) {
        Path index = packDirectory.resolve(pack.stem() + ".idx");
        byte[] indexBytes;
        try {
            indexBytes = Files.readAllBytes(index);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + index, e);
        }
        Set<ObjectId> ids = new HashSet<>();
        for (String line : git.run(List.of("show-index"), indexBytes).text().split("\n")) {
            String[] fields = line.split(" ");
            if (fields.length >= 2) {
                ids.add(ObjectId.of(fields[1]));
            }
        }
        return ids;
    }

    /**
     * Removes a pack: its index first, so no reader finds it any more; a reader that opened it keeps reading it.
     * Only for a pack whose every object is in another pack.
     */
    public void delete(PackFile pack) {
        try {
            Files.deleteIfExists(packDirectory.resolve(pack.stem() + ".idx"));
            for (String extension : List.of(".pack", ".rev", ".bitmap")) {
                Files.deleteIfExists(packDirectory.resolve(pack.stem() + extension));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("removing " + pack.name() + " from " + packDirectory, e);
        }
    }

    /** Removes the loose objects that are in a pack too, as {@code git gc} would. */
    public void pruneLooseCopies() {
        git.run("prune-packed", "-q");
    }

    /** rev-list's {@code <id> <path>} lines as pack-objects' input, each path cut to its file name. */
    private static byte[] byFileName(String revList) {
        StringBuilder input = new StringBuilder(revList.length());
        for (String line : revList.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int space = line.indexOf(' ');
            if (space < 0) {
                input.append(line).append('\n');
            } else {
                int slash = line.lastIndexOf('/');
                input.append(line, 0, space + 1).append(line, Math.max(space, slash) + 1, line.length()).append('\n');
            }
        }
        return input.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.lastIndexOf('.'));
    }

    /** One pack of the object store: its file name, its size, and whether a {@code .keep} file protects it. */
    public record PackFile(String name, long bytes, boolean kept) {
        public PackFile {
            requireNonNull(name, "name is null");
            if (!name.matches("pack-[0-9a-f]{40,64}\\.pack")) {
                throw new IllegalArgumentException("not a pack file name: " + name);
            }
            if (bytes < 0) {
                throw new IllegalArgumentException("pack " + name + ": negative size " + bytes);
            }
        }

        String stem() {
            return name.substring(0, name.length() - ".pack".length());
        }
    }
}
