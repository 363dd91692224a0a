package io.entire.core.session;

import static java.util.Objects.requireNonNull;

import io.entire.core.Environment;
import io.entire.core.FileIdentity;
import io.entire.core.FileLocks;
import io.entire.core.Log;
import io.entire.core.OwnFiles;
import io.entire.core.OwnFiles.Access;
import io.entire.core.WatchedFolders;
import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import io.entire.core.json.JsonFiles;
import io.entire.core.json.JsonFormatException;
import io.entire.core.json.JsonObject;
import io.entire.core.redact.RedactionRules;
import io.entire.core.redact.Redactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Session state files in {@code <git common dir>/entire-sessions/}, one {@code <id>.json} per session, shared by all
 * worktrees. Writes are atomic (temporary file, then rename), so a reader sees the old state or the new one, never
 * half a file; a read-modify-write holds the session's {@link SessionLock}.
 */
public final class SessionStore {
    private static final System.Logger LOG = Log.of(SessionStore.class);

    public static final String DIRECTORY = "entire-sessions";
    /** Beside a session's state: its transcript's redacted prefix, and what describes it (kept by capture). */
    public static final String REDACTED_TRANSCRIPT = ".redacted.jsonl";
    public static final String REDACTED_PREFIX = ".redacted-prefix";

    private final Path directory;
    private final Optional<Environment> environment;
    private final RedactionRules redaction;

    /**
     * A store whose sessions are of built-in agents (a session of an external agent is unreadable here), and whose
     * saves redact the prompts with the project's {@code redaction} rules.
     */
    public SessionStore(Path commonDir, RedactionRules redaction) {
        this(commonDir, Optional.empty(), redaction);
    }

    /** A store that also finds the external agents of its sessions on {@code environment}'s PATH. */
    public SessionStore(Path commonDir, Environment environment, RedactionRules redaction) {
        this(commonDir, Optional.of(environment), redaction);
    }

    private SessionStore(Path commonDir, Optional<Environment> environment, RedactionRules redaction) {
        this.directory = requireNonNull(commonDir, "commonDir is null").resolve(DIRECTORY);
        this.environment = requireNonNull(environment, "environment is null");
        this.redaction = requireNonNull(redaction, "redaction is null");
    }

    public Path directory() {
        return directory;
    }

    /** Waits for and takes the exclusive lock of one session. */
    public SessionLock lock(SessionId id) {
        try {
            OwnFiles.directory(directory.getParent(), DIRECTORY, Access.PRIVATE);
            return new SessionLock(id, FileLocks.lock(directory.resolve(id.value() + ".lock")));
        } catch (IOException e) {
            throw new UncheckedIOException("locking session " + id + " in " + directory, e);
        }
    }

    /** The session's state, if it has any; an unreadable file is a {@link SessionStateException}. */
    public Optional<SessionState> find(SessionId id) {
        Path file = file(id);
        Optional<JsonObject> json = readJson(file);
        return json.isPresent() ? Optional.of(read(file, json.get(), id)) : Optional.empty();
    }

    private static Optional<JsonObject> readJson(Path file) {
        try {
            return JsonFiles.readObject(file);
        } catch (JsonFormatException e) {
            throw new SessionStateException(file, e);
        }
    }

    private SessionState read(Path file, JsonObject json, SessionId id) {
        SessionState state;
        try {
            state = SessionStateJson.read(json, environment);
        } catch (RuntimeException e) {
            throw new SessionStateException(file, e);
        }
        // Saved under its own name, it would leave this file and start a second state.
        if (!state.sessionId().equals(id)) {
            throw new SessionStateException(file, new IllegalStateException("it names session " + state.sessionId()));
        }
        return state;
    }

    /**
     * Writes the state atomically, readable by its owner only, with secrets in its prompts redacted, keeping the keys
     * of the file it replaces that this program does not write (the Go tool's); the caller holds the session's lock.
     */
    public void save(SessionState state) {
        Path file = file(state.sessionId());
        JsonObject written = SessionStateJson.write(state.redacted(new Redactor(redaction)));
        Optional<JsonObject> existing;
        try {
            existing = JsonFiles.readObject(file);
        } catch (JsonFormatException unreadable) {
            existing = Optional.empty();   // nothing of it can be kept
        }
        JsonFiles.writePrivately(file, existing.isPresent()
                ? existing.get().merge(SessionStateJson.KEYS, written.members()) : written);
    }

    /**
     * Names {@code checkpoint} as the session's pending one, as of {@code now}, in the state as read: unlike
     * {@link #save}, which redacts every prompt again, its prompts are written back as they were redacted when saved.
     * The caller holds the session's lock; false when the session has no state, and a {@link SessionStateException}
     * when it cannot be read.
     */
    public boolean savePendingCheckpoint(SessionId id, CheckpointId checkpoint, Instant now) {
        Path file = file(id);
        Optional<JsonObject> json = readJson(file);
        if (json.isEmpty()) {
            return false;
        }
        SessionState pending = read(file, json.get(), id).withPendingCheckpoint(Optional.of(checkpoint), now);
        JsonFiles.writePrivately(file, json.get().merge(SessionStateJson.KEYS,
                SessionStateJson.write(pending).members()));
        return true;
    }

    /** Forgets one session; the caller holds its lock. */
    public void delete(SessionId id) {
        try {
            Files.deleteIfExists(file(id));
            for (String suffix : List.of(REDACTED_TRANSCRIPT, REDACTED_PREFIX)) {
                Files.deleteIfExists(directory.resolve(id.value() + suffix));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("deleting session state " + file(id), e);
        }
    }

    /** Every readable session, oldest first; unreadable state files are logged and left out. */
    public List<SessionState> list() {
        return listAll().readable();
    }

    /** Every state file read: the sessions, oldest first, and the files that cannot be read, by name. */
    public record Listing(List<SessionState> readable, List<UnreadableSessionState> unreadable) {
        public Listing {
            readable = List.copyOf(readable);
            unreadable = List.copyOf(unreadable);
        }
    }

    /**
     * Every state file, read once: for a caller that shows both the sessions and the files that cannot be read (which
     * are logged too).
     */
    public Listing listAll() {
        List<SessionState> readable = new ArrayList<>();
        List<UnreadableSessionState> unreadable = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return new Listing(readable, unreadable);
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.json")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                try {
                    find(SessionId.of(name.substring(0, name.length() - ".json".length()))).ifPresent(readable::add);
                } catch (SessionStateException e) {
                    unreadable.add(new UnreadableSessionState(file, e.getCause().getMessage()));
                } catch (RuntimeException e) {
                    unreadable.add(new UnreadableSessionState(file, e.getMessage()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + directory, e);
        }
        for (UnreadableSessionState state : unreadable) {
            LOG.log(Level.WARNING, "skipping session state " + state.file() + ": " + state.problem());
        }
        sortOldestFirst(readable);
        unreadable.sort((left, right) -> left.file().compareTo(right.file()));
        return new Listing(readable, unreadable);
    }

    private static void sortOldestFirst(List<SessionState> sessions) {
        sessions.sort(new OldestFirst());
    }

    /** By start, ties by id. */
    private static final class OldestFirst implements Comparator<SessionState> {
        @Override
        public int compare(SessionState left, SessionState right) {
            int byStart = left.startedAt().compareTo(right.startedAt());
            return byStart != 0 ? byStart : left.sessionId().compareTo(right.sessionId());
        }
    }

    /** Which quiet sessions a listing wants, by the commit each is based on: any, or none, but {@code except}. */
    private record QuietWanted(boolean any, Optional<ObjectId> except) implements Predicate<ObjectId> {
        static QuietWanted all() {
            return new QuietWanted(true, Optional.empty());
        }

        static QuietWanted none() {
            return new QuietWanted(false, Optional.empty());
        }

        static QuietWanted notBasedOn(ObjectId head) {
            return new QuietWanted(true, Optional.of(head));
        }

        @Override
        public boolean test(ObjectId base) {
            return any && (except.isEmpty() || !except.get().equals(base));
        }
    }

    /**
     * Every readable session that is not done, oldest first. A session with nothing owed (done, or quiet between
     * turns) is read once; later listings skip it unread while its file stays the same ({@link RestingSessions}),
     * so sessions that piled up over months cost a hook one look at each file's attributes, and a served hook none at
     * the files that did not change since the server's last listing ({@link WatchedFolders}).
     */
    public List<SessionState> listLive() {
        return listLive(QuietWanted.all());
    }

    /** Every readable session whose turn is running or whose work waits for a commit: those a commit may take. */
    public List<SessionState> listWithWork() {
        return listLive(QuietWanted.none());
    }

    /**
     * Every readable session a commit that made {@code head} concerns: those {@link #listWithWork} lists, and the
     * quiet ones based on another commit, which it moves onto {@code head}.
     */
    public List<SessionState> listConcerning(ObjectId head) {
        requireNonNull(head, "head is null");
        return listLive(QuietWanted.notBasedOn(head));
    }

    private List<SessionState> listLive(Predicate<ObjectId> quietWanted) {
        List<SessionState> sessions = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return sessions;
        }
        RestingSessions resting = RestingSessions.read(directory);
        for (Map.Entry<String, FileIdentity> file : folders().entries(directory, ".json").entrySet()) {
            String name = file.getKey();
            String id = name.substring(0, name.length() - ".json".length());
            FileIdentity identity = file.getValue();
            if (resting.skips(id, identity, quietWanted)) {
                continue;
            }
            try {
                Optional<SessionState> state = find(SessionId.of(id));
                if (state.isPresent()) {
                    SessionState found = state.get();
                    resting.read(id, identity, found);
                    if (!found.isDone() && (!found.isQuiet() || quietWanted.test(found.baseCommit()))) {
                        sessions.add(found);
                    }
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "skipping session state " + directory.resolve(name) + ": " + e.getMessage());
            }
        }
        try {
            resting.write();
        } catch (UncheckedIOException e) {
            LOG.log(Level.WARNING, "the next listing reads every resting session again: " + e.getMessage());
        }
        sortOldestFirst(sessions);
        return sessions;
    }

    /**
     * Forgets the done sessions last updated before {@code cutoff} that a listing saw, checking each again under its
     * lock; returns how many.
     */
    public int forgetDoneBefore(Instant cutoff) {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        int forgotten = 0;
        for (String id : RestingSessions.doneBefore(directory, cutoff)) {
            SessionId session = SessionId.of(id);
            try (SessionLock lock = lock(session)) {
                if (find(session).filter(state -> state.isDone() && state.updatedAt().isBefore(cutoff)).isPresent()) {
                    delete(session);
                    forgotten++;
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "keeping session state " + file(session) + ": " + e.getMessage());
            }
        }
        return forgotten;
    }

    /** Removes every state and lock file, and the directory: {@code entire disable --uninstall}. */
    public static int deleteAll(Path commonDir) {
        Path directory = commonDir.resolve(DIRECTORY);
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                if (file.getFileName().toString().endsWith(".json")) {
                    removed++;
                }
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("removing session state in " + directory, e);
        }
        return removed;
    }

    private WatchedFolders folders() {
        return environment.isPresent() ? environment.get().folders() : WatchedFolders.none();
    }

    private Path file(SessionId id) {
        return directory.resolve(id.value() + ".json");
    }
}
