package io.entire.core.doctor;

import static java.util.Objects.requireNonNull;

import io.entire.core.FileLocks;
import io.entire.core.id.SessionId;
import io.entire.core.session.SessionStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files sessions and scratch spaces keep in the git common dir, and which of them their owners left behind: a
 * session's lock, snapshot indexes and half-written state with no state file beside them, indexes the launcher
 * staged for prompts that never took them, and scratch folders of {@code entire-tmp} whose owner's lock is free. A
 * lock somebody holds is never removed, nor what it guards.
 */
final class LeftoverFiles {
    /** Longest first, so that {@code x.json.entire-tmp} is not read as session {@code x.json}. */
    private static final List<String> SESSION_SUFFIXES = List.of(".json.entire-tmp", ".turn-start.index",
            ".next-turn.index", ".last.index", ".json", ".lock", SessionStore.REDACTED_TRANSCRIPT,
            SessionStore.REDACTED_PREFIX);
    /** The launcher stages a prompt's work tree into such an index (bin/entire); the prompt's hook takes it. */
    private static final String LAUNCHER_INDEX_PREFIX = "launcher-";
    private static final String LAUNCHER_INDEX_SUFFIX = ".index";
    private static final String STATE = ".json";
    private static final String LOCK = ".lock";
    /** As long as a scratch file's writer needs it, with a wide margin (ScratchSpace uses the same age). */
    private static final Duration LOOSE_FILE_AGE = Duration.ofHours(1);

    private final Path sessionsDirectory;
    private final Path scratchRoot;

    LeftoverFiles(Path sessionsDirectory, Path scratchRoot) {
        this.sessionsDirectory = requireNonNull(sessionsDirectory, "sessionsDirectory is null");
        this.scratchRoot = requireNonNull(scratchRoot, "scratchRoot is null");
    }

    Path stateFile(SessionId id) {
        return sessionsDirectory.resolve(id.value() + STATE);
    }

    /**
     * The leftovers of sessions without state (only {@code only}'s, if given) and, unless one session was asked for,
     * those of scratch spaces.
     */
    List<CleanItem> leftovers(Optional<SessionId> only) {
        List<CleanItem> items = new ArrayList<>();
        sessionGroups().forEach((id, paths) -> {
            boolean chosen = only.map(session -> session.value().equals(id)).orElse(true);
            boolean stateless = paths.stream().noneMatch(path -> path.getFileName().toString().equals(id + STATE));
            if (chosen && stateless && !held(sessionsDirectory.resolve(id + LOCK))) {
                for (Path path : paths) {
                    items.add(CleanItem.file(path.toString().endsWith(LOCK) ? CleanItem.Kind.LOCK_FILE
                            : CleanItem.Kind.TEMP_FILE, path.toString(), "left by session " + id
                            + ", which has no state"));
                }
            }
        });
        if (only.isEmpty()) {
            items.addAll(launcherIndexes());
            items.addAll(scratchLeftovers());
        }
        return items;
    }

    /** Indexes the launcher staged for prompts whose hooks were killed before they took them. */
    private List<CleanItem> launcherIndexes() {
        List<CleanItem> items = new ArrayList<>();
        Instant cutoff = Instant.now().minus(LOOSE_FILE_AGE);
        for (Path path : list(sessionsDirectory)) {
            String name = path.getFileName().toString();
            if (name.startsWith(LAUNCHER_INDEX_PREFIX) && name.endsWith(LAUNCHER_INDEX_SUFFIX)
                    && modified(path).isBefore(cutoff)) {
                items.add(CleanItem.file(CleanItem.Kind.TEMP_FILE, path.toString(),
                        "work tree a prompt's launcher staged, older than an hour"));
            }
        }
        return items;
    }

    /** The sessions with a state file whose id is not among {@code readable}: their state could not be read. */
    List<String> statesOtherThan(List<String> readable) {
        List<String> others = new ArrayList<>();
        sessionGroups().forEach((id, paths) -> {
            if (!readable.contains(id) && paths.contains(sessionsDirectory.resolve(id + STATE))) {
                others.add(id);
            }
        });
        return others;
    }

    /** The session files by session id, skipping names that are none of a session's. */
    private Map<String, List<Path>> sessionGroups() {
        Map<String, List<Path>> groups = new TreeMap<>();
        for (Path path : list(sessionsDirectory)) {
            sessionOf(path).ifPresent(id -> groups.computeIfAbsent(id, key -> new ArrayList<>()).add(path));
        }
        return groups;
    }

    private static Optional<String> sessionOf(Path path) {
        String name = path.getFileName().toString();
        return SESSION_SUFFIXES.stream().filter(name::endsWith).findFirst()
                .map(suffix -> name.substring(0, name.length() - suffix.length())).filter(id -> !id.isEmpty());
    }

    private List<CleanItem> scratchLeftovers() {
        List<CleanItem> items = new ArrayList<>();
        Instant cutoff = Instant.now().minus(LOOSE_FILE_AGE);
        for (Path path : list(scratchRoot)) {
            String name = path.getFileName().toString();
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                if (!held(scratchRoot.resolve(name + LOCK))) {
                    items.add(CleanItem.file(CleanItem.Kind.TEMP_FILE, path.toString(),
                            "scratch folder of a run that is over"));
                }
            } else if (name.endsWith(LOCK)) {
                if (!held(path)) {
                    items.add(CleanItem.file(CleanItem.Kind.LOCK_FILE, path.toString(), "lock of a run that is over"));
                }
            } else if (modified(path).isBefore(cutoff)) {
                items.add(CleanItem.file(CleanItem.Kind.TEMP_FILE, path.toString(), "scratch file older than an hour"));
            }
        }
        return items;
    }

    /**
     * Removes a leftover file or scratch folder, holding the lock that guards it (its own, for a lock file) so that no
     * owner can be using it; empty when it is gone, else why it stays.
     */
    Optional<String> delete(Path path) {
        Path guard = path.toString().endsWith(LOCK) ? path : path.resolveSibling(path.getFileName() + LOCK);
        Optional<String> session = path.getParent().equals(sessionsDirectory) ? sessionOf(path) : Optional.empty();
        if (session.isPresent()) {
            guard = sessionsDirectory.resolve(session.get() + LOCK);
            if (Files.exists(sessionsDirectory.resolve(session.get() + STATE))) {
                return Optional.of("session " + session.get() + " has state again");
            }
        }
        try {
            if (!Files.exists(guard)) {
                deleteTree(path);
                return Optional.empty();
            }
            Optional<FileLocks.Held> lock = FileLocks.tryLockExisting(guard);
            if (lock.isEmpty()) {
                return Optional.of("in use");
            }
            try (FileLocks.Held held = lock.get()) {
                deleteTree(path);
                if (!guard.equals(path) && session.isPresent()) {
                    Files.deleteIfExists(guard);   // the session's lock goes with its last file
                }
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.of("could not be removed (" + e.getMessage() + ")");
        }
    }

    /** Removes every file of a session; the caller holds the session's lock. */
    void deleteSession(SessionId id) {
        try {
            for (String suffix : SESSION_SUFFIXES) {
                Files.deleteIfExists(sessionsDirectory.resolve(id.value() + suffix));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("removing the state of session " + id, e);
        }
    }

    private static boolean held(Path lock) {
        if (!Files.exists(lock)) {
            return false;
        }
        try {
            Optional<FileLocks.Held> taken = FileLocks.tryLockExisting(lock);
            if (taken.isEmpty()) {
                return true;
            }
            taken.get().close();
            return false;
        } catch (IOException e) {
            return true;   // cannot tell: treat it as somebody's
        }
    }

    private static Instant modified(Path path) {
        try {
            return Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toInstant();
        } catch (IOException e) {
            return Instant.now();   // gone or unreadable: not old enough to remove
        }
    }

    private static List<Path> list(Path directory) {
        List<Path> paths = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return paths;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            entries.forEach(paths::add);
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + directory, e);
        }
        paths.sort(Comparator.naturalOrder());
        return paths;
    }

    private static void deleteTree(Path path) throws IOException {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> walk = Files.walk(path)) {
                for (Path inner : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(inner);
                }
            }
        } else {
            Files.deleteIfExists(path);
        }
    }
}
