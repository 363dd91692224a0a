package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Creates refs in the {@code packed-refs} file of a repository that keeps its refs in files, under git's own lock
 * protocol: {@code packed-refs.lock} created exclusively (one that exists belongs to another writer and is left
 * alone), the file written anew with the new entries merged in sorted order, then renamed into place. N new refs
 * cost one file, where loose refs cost N lock files, N files and N renames. git reads a loose ref before a packed
 * one, so a writer that creates one of these refs loosely at the same time keeps its value; that ref is reported as
 * not created. Not thread-safe; git's lock serializes processes.
 */
final class PackedRefs {
    /** What git 2.x writes: every ref that peels has its peeled line, and the entries are sorted. */
    static final String HEADER = "# pack-refs with: peeled fully-peeled sorted \n";
    private static final String HEADER_START = "# pack-refs with:";

    /**
     * Where git writes a reflog for every ref by default ({@code core.logAllRefUpdates}), and the refs each worktree
     * has of its own: git writes those refs itself.
     */
    private static final List<String> LEFT_TO_GIT = List.of("refs/heads/", "refs/remotes/", "refs/notes/",
            "refs/worktree/", "refs/bisect/", "refs/rewritten/");

    private final Path commonDir;
    private final int hashHexLength;

    PackedRefs(Path commonDir, int hashHexLength) {
        this.commonDir = requireNonNull(commonDir, "commonDir is null");
        this.hashHexLength = hashHexLength;
    }

    /** Whether a ref may be written here rather than by git. */
    static boolean mayHold(RefName ref) {
        return LEFT_TO_GIT.stream().noneMatch(ref.name()::startsWith);
    }

    /**
     * Creates each ref that does not exist, loosely or packed, and that no existing ref stands in the way of
     * ({@code refs/a} beside {@code refs/a/b}): {@link RefUpdateResult#CREATED}, else
     * {@link RefUpdateResult#REJECTED_STALE}, or {@link RefUpdateResult#LOCKED} while another writer holds the ref's
     * lock. Empty, with nothing written, when another process holds the packed-refs lock or the file is one this
     * class leaves to git (a symbolic link, a line it cannot read).
     */
    Optional<Map<RefName, RefUpdateResult>> create(Map<RefName, ObjectId> refs, Durability durability) {
        Path file = commonDir.resolve("packed-refs");
        Path lock = commonDir.resolve("packed-refs.lock");
        if (Files.isSymbolicLink(file)) {
            return Optional.empty();
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(lock, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("creating " + lock, e);
        }
        Thread removal = null;
        boolean renamed = false;
        try {
            Map<RefName, RefUpdateResult> results = new HashMap<>();
            try (channel) {
                removal = removalAtExit(lock);
                Optional<Contents> contents = Contents.read(file, hashHexLength);
                if (contents.isEmpty()) {
                    return Optional.empty();
                }
                LooseRefs before = new LooseRefs(commonDir);
                for (Map.Entry<RefName, ObjectId> ref : new TreeMap<>(refs).entrySet()) {
                    String name = Contents.latin1(ref.getKey().name());
                    Optional<RefUpdateResult> blocked = before.blocks(ref.getKey());
                    if (blocked.isEmpty() && contents.get().blocks(name)) {
                        blocked = Optional.of(RefUpdateResult.REJECTED_STALE);
                    }
                    if (blocked.isEmpty()) {
                        contents.get().add(name, ref.getValue());
                    }
                    results.put(ref.getKey(), blocked.orElse(RefUpdateResult.CREATED));
                }
                Writer writer = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel),
                        StandardCharsets.ISO_8859_1), 1 << 16);
                contents.get().writeTo(writer);
                writer.flush();
                if (durability == Durability.FSYNC) {
                    channel.force(true);
                }
            }
            Files.move(lock, file, StandardCopyOption.ATOMIC_MOVE);
            renamed = true;
            claimedOnly(results, new LooseRefs(commonDir));
            return Optional.of(results);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        } finally {
            if (!renamed) {
                release(lock);
            }
            if (removal != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(removal);
                } catch (IllegalStateException e) {
                    // The JVM is stopping: the hook runs, and leaves alone a lock that is no longer this one.
                }
            }
        }
    }

    /**
     * Git removes its lock files when it is stopped by a signal; a JVM stopped by SIGINT or SIGTERM runs only its
     * shutdown hooks. A lock left behind would stop every git command that deletes or packs a ref.
     */
    private static Thread removalAtExit(Path lock) throws IOException {
        Object ours = Files.readAttributes(lock, BasicFileAttributes.class).fileKey();
        Thread removal = new Thread(() -> {
            try {
                if (Objects.equals(Files.readAttributes(lock, BasicFileAttributes.class).fileKey(), ours)) {
                    Files.deleteIfExists(lock);
                }
            } catch (IOException e) {
                // Renamed into place, or taken by another writer since: nothing of ours to remove.
            }
        }, "packed-refs-lock-removal");
        Runtime.getRuntime().addShutdownHook(removal);
        return removal;
    }

    /**
     * A loose ref, or a writer's lock on one, that appeared while the lock was held wins over the packed entry (git
     * reads loose refs first): those refs were not created by us.
     */
    private static void claimedOnly(Map<RefName, RefUpdateResult> results, LooseRefs after) {
        results.replaceAll((ref, result) -> result == RefUpdateResult.CREATED
                ? after.blocks(ref).orElse(RefUpdateResult.CREATED) : result);
    }

    private static void release(Path lock) {
        try {
            Files.deleteIfExists(lock);
        } catch (IOException e) {
            throw new UncheckedIOException("removing " + lock + " (remove it by hand)", e);
        }
    }

    /** Whether the file is flushed to the disk before it replaces the old one (git's {@code core.fsync}). */
    enum Durability {
        FSYNC,
        NO_FSYNC
    }

    /**
     * The file's entries by name, each with its lines (a peeled line after its ref), in ISO-8859-1: one char per
     * byte, so strings sort in git's byte order whatever the names' encoding.
     */
    private static final class Contents {
        private final String header;
        private final TreeMap<String, String> entries;

        private Contents(String header, TreeMap<String, String> entries) {
            this.header = header;
            this.entries = entries;
        }

        static String latin1(String name) {
            return new String(name.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        }

        /** Empty when a line is neither a header, a ref nor a peeled line after a ref. */
        static Optional<Contents> read(Path file, int hashHexLength) throws IOException {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.ISO_8859_1);
            } catch (NoSuchFileException e) {
                return Optional.of(new Contents(HEADER, new TreeMap<>()));
            }
            TreeMap<String, String> entries = new TreeMap<>();
            String header = "";
            String last = null;
            int start = 0;
            while (start < text.length()) {
                int end = text.indexOf('\n', start);
                if (end < 0) {
                    return Optional.empty();
                }
                String line = text.substring(start, end + 1);
                if (start == 0 && line.startsWith(HEADER_START)) {
                    header = line;
                } else if (line.length() == hashHexLength + 2 && line.charAt(0) == '^' && last != null) {
                    entries.put(last, entries.get(last) + line);
                } else if (line.length() > hashHexLength + 2 && line.charAt(hashHexLength) == ' ') {
                    last = line.substring(hashHexLength + 1, line.length() - 1);
                    if (entries.put(last, line) != null) {
                        return Optional.empty();
                    }
                } else {
                    return Optional.empty();
                }
                start = end + 1;
            }
            return Optional.of(new Contents(header, entries));
        }

        /** Whether a packed ref has this name, is a folder of it or lives under it. */
        boolean blocks(String name) {
            if (entries.containsKey(name)) {
                return true;
            }
            for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
                if (entries.containsKey(name.substring(0, slash))) {
                    return true;
                }
            }
            String below = entries.ceilingKey(name + "/");
            return below != null && below.startsWith(name + "/");
        }

        void add(String name, ObjectId id) {
            entries.put(name, id.hex() + " " + name + "\n");
        }

        void writeTo(Writer writer) throws IOException {
            writer.write(header);
            for (String lines : entries.values()) {
                writer.write(lines);
            }
        }
    }

    /** The loose refs and lock files in the folders of the refs asked about, each folder listed once. */
    private static final class LooseRefs {
        private final Path commonDir;
        private final Map<Path, Set<String>> folders = new HashMap<>();
        private final Map<Path, Boolean> fileInTheWay = new HashMap<>();

        LooseRefs(Path commonDir) {
            this.commonDir = commonDir;
        }

        /** Why {@code ref} cannot be created as a new ref beside the loose ones, if it cannot. */
        Optional<RefUpdateResult> blocks(RefName ref) {
            Path path = commonDir.resolve(ref.name());
            Set<String> names = folders.computeIfAbsent(path.getParent(), LooseRefs::list);
            String leaf = path.getFileName().toString();
            if (names.contains(leaf + ".lock")) {
                return Optional.of(RefUpdateResult.LOCKED);
            }
            if (names.contains(leaf) || fileOnTheWay(path.getParent())) {
                return Optional.of(RefUpdateResult.REJECTED_STALE);
            }
            return Optional.empty();
        }

        /** Whether a loose ref is where a folder of the ref's path should be ({@code refs/a} for {@code refs/a/b}). */
        private boolean fileOnTheWay(Path folder) {
            if (folder.equals(commonDir.resolve("refs"))) {
                return false;
            }
            Boolean known = fileInTheWay.get(folder);
            if (known == null) {
                known = Files.isRegularFile(folder) || fileOnTheWay(folder.getParent());
                fileInTheWay.put(folder, known);
            }
            return known;
        }

        private static Set<String> list(Path folder) {
            Set<String> names = new HashSet<>();
            try (Stream<Path> entries = Files.list(folder)) {
                entries.forEach(entry -> names.add(entry.getFileName().toString()));
            } catch (NoSuchFileException | NotDirectoryException e) {
                return names;
            } catch (IOException e) {
                throw new UncheckedIOException("listing " + folder, e);
            }
            return names;
        }
    }
}
