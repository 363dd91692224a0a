package io.entire.core;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The entries of folders a long-lived process lists again and again (the hook server: its hooks' session folders),
 * each with its {@link FileIdentity}. A process of its own lists a folder and reads each entry's attributes; a watching
 * one keeps its listings current through the kernel's file events and reads the attributes of what changed only.
 *
 * <p>Before a watched listing answers, it creates a file of its own, named anew each time, in a folder of its own that
 * the same watch service watches, and waits for that event: the kernel queues the events of one watch service in the
 * order they happened, so every change made before the question has reached the JDK by then; the folders' keys still
 * in the service's queue behind the answer are taken too. A listing whose events were lost (an overflow) is listed
 * anew, and a path that names another folder than the one watched gets a listing of its own. Where the kernel cannot
 * tell every change (not Linux, a network file system another machine may write to), and after an answer that did
 * not come in time, folders are listed as by a process of its own.
 */
public final class WatchedFolders implements AutoCloseable {
    private static final System.Logger LOG = Log.of(WatchedFolders.class);
    private static final WatchedFolders NONE = new WatchedFolders(Optional.empty());
    /** File systems whose every change is made through this machine's kernel, which then tells its watchers. */
    private static final Set<String> LOCAL_FILE_SYSTEMS = Set.of("ext2", "ext3", "ext4", "xfs", "btrfs", "tmpfs",
            "overlay", "zfs", "f2fs", "bcachefs", "jfs", "reiserfs");
    private static final int MAX_FOLDERS = 16;
    private static final String SYNC_PREFIX = "sync-";

    private final Optional<Watcher> watcher;

    private WatchedFolders(Optional<Watcher> watcher) {
        this.watcher = watcher;
    }

    /** Folders listed entry by entry at every question, as by a process of its own. */
    public static WatchedFolders none() {
        return NONE;
    }

    /**
     * Folders watched through {@code syncFolder} (created, and removed on close), each answer awaited for at most
     * {@code answerDeadline}; listed entry by entry where the kernel cannot tell.
     */
    public static WatchedFolders open(Path syncFolder, Duration answerDeadline) {
        requireNonNull(syncFolder, "syncFolder is null");
        if (answerDeadline.isNegative() || answerDeadline.isZero()) {
            throw new IllegalArgumentException("answer deadline must be positive: " + answerDeadline);
        }
        if (!System.getProperty("os.name", "").equals("Linux")) {
            return NONE;   // elsewhere the JDK's watch service polls every few seconds
        }
        try {
            return new WatchedFolders(Optional.of(Watcher.open(syncFolder, answerDeadline)));
        } catch (IOException | UnsupportedOperationException | LinkedPathException e) {
            LOG.log(Level.INFO, "folders are listed entry by entry: cannot watch " + syncFolder + ": " + e);
            return NONE;
        }
    }

    /** The entries of {@code folder} whose names end with {@code suffix}, by name; none when it is missing. */
    public Map<String, FileIdentity> entries(Path folder, String suffix) {
        requireNonNull(folder, "folder is null");
        requireNonNull(suffix, "suffix is null");
        if (watcher.isPresent()) {
            Optional<Map<String, FileIdentity>> watched = watcher.get().entries(folder, suffix);
            if (watched.isPresent()) {
                return watched.get();
            }
        }
        return list(folder, suffix);
    }

    private static Map<String, FileIdentity> list(Path folder, String suffix) {
        Map<String, FileIdentity> entries = new HashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(suffix)) {
                    Optional<FileIdentity> identity = FileIdentity.of(file);
                    if (identity.isPresent()) {
                        entries.put(name, identity.get());
                    }
                }
            }
        } catch (NoSuchFileException missing) {
            return Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + folder, e);
        }
        return entries;
    }

    /** Stops watching; later questions are answered by listing. */
    @Override
    public void close() {
        if (watcher.isPresent()) {
            watcher.get().close();
        }
    }

    /** One watch service, its folder of questions, and the listings it keeps. */
    private static final class Watcher {
        private final WatchService service;
        private final Path syncFolder;
        private final WatchKey syncKey;
        private final long deadlineNanos;
        private final Map<Path, Listing> byFolder = new HashMap<>();
        private final Map<WatchKey, Listing> byKey = new HashMap<>();
        private final Set<Path> unwatchable = new HashSet<>();
        private long questions;
        private boolean stopped;

        private Watcher(WatchService service, Path syncFolder, WatchKey syncKey, Duration deadline) {
            this.service = service;
            this.syncFolder = syncFolder;
            this.syncKey = syncKey;
            this.deadlineNanos = deadline.toNanos();
        }

        static Watcher open(Path syncFolder, Duration deadline) throws IOException {
            // The owner's only, and never through a link: questions are files made and deleted in it.
            OwnFiles.directory(syncFolder.toAbsolutePath().getParent(), syncFolder.getFileName().toString(),
                    OwnFiles.Access.PRIVATE);
            if (!watchable(syncFolder)) {
                // A question would wait for an answer that never comes (a home on a network file system, say).
                throw new IOException("its file system (" + Files.getFileStore(syncFolder).type() + ") is not watched");
            }
            removeQuestions(syncFolder);   // left by a process that was killed
            WatchService service = syncFolder.getFileSystem().newWatchService();
            try {
                return new Watcher(service, syncFolder, syncFolder.register(service,
                        StandardWatchEventKinds.ENTRY_CREATE), deadline);
            } catch (IOException | RuntimeException e) {
                service.close();
                throw e;
            }
        }

        synchronized Optional<Map<String, FileIdentity>> entries(Path folder, String suffix) {
            if (stopped || unwatchable.contains(folder)) {
                return Optional.empty();
            }
            Optional<String> directory = directoryKey(folder);
            if (directory.isEmpty()) {
                return Optional.empty();   // missing: the caller finds nothing there
            }
            Listing listing = byFolder.get(folder);
            if (listing != null && !listing.directoryKey.equals(directory.get())) {
                byFolder.remove(folder);   // the path names another folder now: the watched one moved, or went
                listing = null;
            }
            if (listing == null) {
                Optional<Listing> registered = register(folder, suffix, directory.get());
                if (registered.isEmpty()) {
                    return Optional.empty();
                }
                listing = registered.get();
            }
            if (!listing.suffix.equals(suffix) || !awaitAnswer()) {
                return Optional.empty();
            }
            if (!listing.key.isValid()) {
                forget(listing);   // the folder went away; the next question watches the one that replaced it
                return Optional.empty();
            }
            listing.lastUse = questions;
            return Optional.of(listing.refresh(folder));
        }

        private Optional<Listing> register(Path folder, String suffix, String directory) {
            try {
                if (unwatchable.size() >= MAX_FOLDERS) {
                    unwatchable.clear();
                }
                if (!watchable(folder)) {
                    unwatchable.add(folder);
                    return Optional.empty();
                }
                if (byFolder.size() >= MAX_FOLDERS) {
                    forgetLeastRecentlyUsed();
                }
                WatchKey key = folder.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
                if (!directoryKey(folder).equals(Optional.of(directory))) {
                    return Optional.empty();   // replaced meanwhile: which one the key watches is unknown
                }
                // A folder reached through a link too, or moved, is one watch: its events go to one listing.
                Listing listing = byKey.get(key);
                if (listing != null && !listing.directoryKey.equals(directory)) {
                    forget(listing);
                    listing = null;
                }
                if (listing == null) {
                    listing = new Listing(suffix, key, directory);
                    byKey.put(key, listing);
                }
                byFolder.put(folder, listing);
                return Optional.of(listing);
            } catch (NoSuchFileException missing) {
                return Optional.empty();
            } catch (IOException e) {
                unwatchable.add(folder);   // out of watches, say: listed by the caller from now on
                return Optional.empty();
            }
        }

        /** What tells the folder a path names now from another one made at that path; empty when there is none. */
        private static Optional<String> directoryKey(Path folder) {
            try {
                return Optional.of(String.valueOf(Files.readAttributes(folder, BasicFileAttributes.class).fileKey()));
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        /**
         * Asks the kernel a question through the folder of questions and takes every event queued before its answer;
         * false, and nothing watched from then on, when the answer did not come in time.
         */
        private boolean awaitAnswer() {
            String question = SYNC_PREFIX + ++questions;
            Path asked = syncFolder.resolve(question);
            try {
                Files.createFile(asked);
                Files.delete(asked);
                long end = System.nanoTime() + deadlineNanos;
                boolean answered = false;
                while (!answered) {
                    WatchKey key = service.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (key == null) {
                        stop("no answer from the kernel within " + Duration.ofNanos(deadlineNanos).toMillis() + " ms");
                        return false;
                    }
                    answered = take(key, question);
                }
                // A key's events that came while its earlier ones were taken wait behind the answer: take them too.
                // Each key is queued once at most (a forgotten one too); the bound stops a writer that never pauses.
                for (int keys = 2 * MAX_FOLDERS + 1; keys > 0; keys--) {
                    WatchKey queued = service.poll();
                    if (queued == null) {
                        break;
                    }
                    take(queued, question);
                }
                return true;
            } catch (IOException | ClosedWatchServiceException e) {
                stop("cannot ask through " + syncFolder + ": " + e);
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** Takes the events of one key; true when they hold the answer to {@code question}. */
        private boolean take(WatchKey key, String question) {
            boolean answered = false;
            Listing listing = byKey.get(key);
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                    if (key == syncKey) {
                        // The kernel dropped events, of any folder; the answer may be among them.
                        for (Listing each : byKey.values()) {
                            each.stale = true;
                        }
                        answered = true;
                    } else if (listing != null) {
                        listing.stale = true;
                    }
                } else if (key == syncKey) {
                    answered |= event.context().toString().equals(question);
                } else if (listing != null) {
                    listing.changed(event.context().toString());
                }
            }
            if (!key.reset() && listing != null) {
                forget(listing);
            }
            return answered;
        }

        private static boolean watchable(Path folder) throws IOException {
            return LOCAL_FILE_SYSTEMS.contains(Files.getFileStore(folder).type());
        }

        private void forgetLeastRecentlyUsed() {
            Listing oldest = null;
            for (Listing listing : byFolder.values()) {
                if (oldest == null || listing.lastUse < oldest.lastUse) {
                    oldest = listing;
                }
            }
            if (oldest != null) {
                forget(oldest);
            }
        }

        private void forget(Listing listing) {
            listing.key.cancel();
            byKey.remove(listing.key);
            // A loop, not removeIf: the first hooks after the warm-up forget its folder, and load no class for it.
            for (Iterator<Listing> listings = byFolder.values().iterator(); listings.hasNext(); ) {
                if (listings.next() == listing) {
                    listings.remove();
                }
            }
        }

        private void stop(String why) {
            LOG.log(Level.WARNING, "folders are listed entry by entry from now on: " + why);
            close();
        }

        synchronized void close() {
            if (stopped) {
                return;
            }
            stopped = true;
            byFolder.clear();
            byKey.clear();
            try {
                service.close();
                removeQuestions(syncFolder);
                Files.deleteIfExists(syncFolder);
            } catch (IOException e) {
                LOG.log(Level.INFO, "leaving " + syncFolder + ": " + e);
            }
        }

        private static void removeQuestions(Path syncFolder) throws IOException {
            try (DirectoryStream<Path> questions = Files.newDirectoryStream(syncFolder, SYNC_PREFIX + "*")) {
                for (Path question : questions) {
                    Files.deleteIfExists(question);
                }
            }
        }
    }

    /**
     * A watched folder's entries as its events left them, and the names changed since they were last read; the folder
     * is read through the path a question names, which may differ from question to question (a link, a move).
     */
    private static final class Listing {
        private static final int MAX_CHANGED = 4096;

        final String suffix;
        final WatchKey key;
        final String directoryKey;
        final Set<String> changed = new HashSet<>();
        Map<String, FileIdentity> entries = new HashMap<>();
        boolean stale = true;   // listed entry by entry at the next question
        long lastUse;

        Listing(String suffix, WatchKey key, String directoryKey) {
            this.suffix = suffix;
            this.key = key;
            this.directoryKey = directoryKey;
        }

        void changed(String name) {
            if (!name.endsWith(suffix)) {
                return;
            }
            if (changed.size() >= MAX_CHANGED) {
                stale = true;   // reading each would cost more than listing them all
                changed.clear();
                return;
            }
            changed.add(name);
        }

        /** The entries now: all of them listed when stale, else those whose names changed read again. */
        Map<String, FileIdentity> refresh(Path folder) {
            if (stale) {
                entries = new HashMap<>(list(folder, suffix));
                stale = false;
            } else {
                for (String name : changed) {
                    Optional<FileIdentity> identity = FileIdentity.of(folder.resolve(name));
                    if (identity.isPresent()) {
                        entries.put(name, identity.get());
                    } else {
                        entries.remove(name);
                    }
                }
            }
            changed.clear();
            return new HashMap<>(entries);
        }
    }
}
