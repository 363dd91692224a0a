package io.entire.core.session;

import static java.util.Objects.requireNonNull;

import io.entire.core.FileLocks;
import io.entire.core.Log;
import io.entire.core.git.GitRepository;
import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonFiles;
import io.entire.core.json.JsonFormatException;
import io.entire.core.json.JsonNull;
import io.entire.core.json.JsonNumber;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checkpoints one work tree's commits owe ({@link OwedCheckpoint}), one {@code <id>.json} each in
 * {@code <git common dir>/entire-owed/}, written atomically. Whoever completes or clears a mark holds its
 * {@link #lock}: a post-commit holds it while it works, so another hook leaves that mark alone instead of doing the
 * work twice or waiting, and a killed one leaves it free.
 */
public final class OwedCheckpoints {
    public static final String DIRECTORY = "entire-owed";
    private static final String UNREADABLE = ".unreadable";
    private static final System.Logger LOG = Log.of(OwedCheckpoints.class);

    private final Path directory;
    private final Path headLog;
    private final String worktreeId;

    public OwedCheckpoints(GitRepository repository) {
        requireNonNull(repository, "repository is null");
        this.directory = repository.commonDir().resolve(DIRECTORY);
        this.headLog = repository.gitDir().resolve("logs").resolve("HEAD");
        this.worktreeId = repository.worktreeId();
    }

    /**
     * Whether a mark of this work tree may be completed now: one that names its commit, or one whose commit may have
     * been made since HEAD was last looked at. No git process runs, so every hook can ask.
     */
    public boolean anyToComplete() {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        long logSize = headLogSize();
        for (OwedCheckpoint owed : list()) {
            if (owed.commit().isPresent() || owed.headLogSize() < 0 || owed.headLogSize() != logSize) {
                return true;
            }
        }
        return false;
    }

    /**
     * This work tree's marks. An unreadable one is set aside, never dropped: renamed to {@code <name>.<millis>.unreadable}
     * beside the others, with a warning in the log, for {@code entire doctor} to name: left in place, it would fail
     * every hook, and every later commit's checkpoint with it.
     */
    public List<OwedCheckpoint> list() {
        List<OwedCheckpoint> marks = new ArrayList<>();
        // java.io and a plain loop: every hook asks, and a glob, NIO's directory stream and lambdas cost a light hook
        // in a JVM of its own several milliseconds of class loading and linking.
        String[] names = directory.toFile().list();
        if (names == null) {
            return marks;
        }
        for (String name : names) {
            if (name.endsWith(".json")) {
                Optional<OwedCheckpoint> owed;
                try {
                    owed = read(directory.resolve(name));
                } catch (OwedCheckpointException e) {
                    setAside(e);
                    continue;
                }
                if (owed.isPresent() && owed.get().worktreeId().equals(worktreeId)) {
                    marks.add(owed.get());
                }
            }
        }
        return marks;
    }

    /**
     * The marks that could not be read: those set aside, and any unreadable one no hook has listed since; read only,
     * as {@code entire doctor} asks.
     */
    public List<Path> unreadable() {
        List<Path> found = new ArrayList<>();
        String[] names = directory.toFile().list();
        if (names == null) {
            return found;
        }
        Arrays.sort(names);
        for (String name : names) {
            Path file = directory.resolve(name);
            if (name.endsWith(UNREADABLE)) {
                found.add(file);
            } else if (name.endsWith(".json")) {
                try {
                    read(file);
                } catch (OwedCheckpointException e) {
                    found.add(file);
                }
            }
        }
        return found;
    }

    private void setAside(OwedCheckpointException unreadable) {
        Path file = unreadable.file();
        Path aside = file.resolveSibling(file.getFileName() + "." + System.currentTimeMillis() + UNREADABLE);
        try {
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
            LOG.log(Level.WARNING, unreadable.getMessage() + "; set aside as " + aside.getFileName()
                    + " ('entire doctor' names it)");
        } catch (NoSuchFileException e) {
            // another hook set it aside first
        } catch (IOException e) {
            LOG.log(Level.WARNING, unreadable.getMessage() + "; skipped, and could not be set aside: " + e);
        }
    }

    public Optional<OwedCheckpoint> find(CheckpointId id) {
        return read(file(id));
    }

    /** Writes the mark atomically. */
    public void record(OwedCheckpoint owed) {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        members.put("checkpoint_id", new JsonString(owed.checkpointId().value()));
        members.put("worktree_id", new JsonString(owed.worktreeId()));
        members.put("commit", owed.commit().isPresent() ? new JsonString(owed.commit().get().hex())
                : JsonNull.INSTANCE);
        members.put("head_log_size", JsonNumber.of(owed.headLogSize()));
        members.put("attempts", JsonNumber.of(owed.attempts()));
        if (!owed.sessions().isEmpty()) {
            List<String> sessions = new ArrayList<>();   // a loop: a stream pipeline costs a light hook ~1 ms
            for (SessionId session : owed.sessions()) {
                sessions.add(session.value());
            }
            members.put("session_ids", JsonArray.ofStrings(sessions));
        }
        JsonFiles.writeAtomically(file(owed.checkpointId()), new JsonObject(members));
    }

    /**
     * Removes this work tree's marks of commits that were never made on the HEAD they were recorded on: a new commit
     * is about to be made there, and git makes one commit at a time in a work tree (its index lock), so an earlier
     * attempt with the same HEAD was given up (an empty message, a hook that refused it). The mark of
     * {@code underWay}, the new attempt's, stays, and so does a mark whose lock is held: a hook at work has it.
     */
    public void dropGivenUpAttempts(CheckpointId underWay) {
        long logSize = headLogSize();
        for (OwedCheckpoint owed : list()) {
            if (owed.commit().isEmpty() && owed.headLogSize() == logSize && !owed.checkpointId().equals(underWay)) {
                Optional<Lock> lock = tryLock(owed.checkpointId());
                if (lock.isPresent()) {
                    try (Lock held = lock.get()) {
                        Optional<OwedCheckpoint> current = find(owed.checkpointId());
                        if (current.isPresent() && current.get().commit().isEmpty()) {
                            clear(owed.checkpointId());
                        }
                    }
                }
            }
        }
    }

    /** Removes the mark: its checkpoint is durable, or its commit was never made. The caller holds its lock. */
    public void clear(CheckpointId id) {
        try {
            Files.deleteIfExists(file(id));
            // A hook waiting for this lock finds no mark once it has it; the next lock of this id is a new file.
            Files.deleteIfExists(directory.resolve(id.value() + ".lock"));
        } catch (IOException e) {
            throw new UncheckedIOException("clearing owed checkpoint " + file(id), e);
        }
    }

    /** Waits for and takes the lock of one mark. */
    public Lock lock(CheckpointId id) {
        try {
            Files.createDirectories(directory);
            return new Lock(id, FileLocks.lock(directory.resolve(id.value() + ".lock")));
        } catch (IOException e) {
            throw new UncheckedIOException("locking owed checkpoint " + id + " in " + directory, e);
        }
    }

    /** Takes the lock of one mark unless another hook holds it (a post-commit at work, or a hook completing it). */
    public Optional<Lock> tryLock(CheckpointId id) {
        try {
            Files.createDirectories(directory);
            Optional<FileLocks.Held> held = FileLocks.tryLock(directory.resolve(id.value() + ".lock"));
            return held.isPresent() ? Optional.of(new Lock(id, held.get())) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("locking owed checkpoint " + id + " in " + directory, e);
        }
    }

    /** The lock of one mark, held by the hook that completes or clears it. Close it to release. */
    public static final class Lock implements AutoCloseable {
        private final CheckpointId checkpointId;
        private final FileLocks.Held held;

        private Lock(CheckpointId checkpointId, FileLocks.Held held) {
            this.checkpointId = checkpointId;
            this.held = held;
        }

        @Override
        public void close() {
            try {
                held.close();
            } catch (IOException e) {
                throw new UncheckedIOException("releasing the lock of owed checkpoint " + checkpointId, e);
            }
        }
    }

    /** The size of this work tree's HEAD reflog, which grows with every commit; -1 without one. */
    public long headLogSize() {
        try {
            return Files.size(headLog);
        } catch (NoSuchFileException e) {
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException("reading the size of " + headLog, e);
        }
    }

    private Optional<OwedCheckpoint> read(Path file) {
        try {
            Optional<JsonObject> json = JsonFiles.readObject(file);
            return json.isPresent() ? Optional.of(fromJson(json.get())) : Optional.empty();
        } catch (JsonFormatException | IllegalArgumentException e) {
            throw new OwedCheckpointException(file, e);
        }
    }

    private static OwedCheckpoint fromJson(JsonObject json) {
        Optional<String> id = json.findString("checkpoint_id");
        if (id.isEmpty()) {
            throw new JsonFormatException("owed checkpoint without checkpoint_id");
        }
        Optional<String> commit = json.findString("commit");
        List<SessionId> sessions = new ArrayList<>();
        for (String session : json.strings("session_ids")) {
            sessions.add(SessionId.of(session));
        }
        return new OwedCheckpoint(CheckpointId.of(id.get()), json.findString("worktree_id").orElse(""),
                commit.isPresent() ? Optional.of(ObjectId.of(commit.get())) : Optional.empty(),
                json.findLong("head_log_size").orElse(-1L), Math.toIntExact(json.findLong("attempts").orElse(0L)),
                sessions);
    }

    private Path file(CheckpointId id) {
        return directory.resolve(id.value() + ".json");
    }
}
