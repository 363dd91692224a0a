package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.Log;
import io.entire.core.git.GitRepository;
import io.entire.core.git.ObjectId;
import io.entire.core.id.SessionId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * The work tree as a session's running turn found it, so that its stop sees every change the turn made, through any
 * tool, not only the files the transcript names. The prompt stages the work tree into a scratch index of the
 * session's ({@code <session-id>.turn-start.index} beside its state: one git process, cheap because the index's
 * stat cache is the user's, or the session's last); the stop compares the work tree with it, in one look at the work
 * tree. Without a snapshot (its prompt hook failed or never ran) callers fall back to what the transcript names.
 * Callers hold the session's lock.
 */
final class TurnSnapshots {
    private static final System.Logger LOG = Log.of(TurnSnapshots.class);
    private static final String TURN_START = ".turn-start.index";
    private static final String LAST = ".last.index";
    private static final String NEXT = ".next-turn.index";

    private final GitRepository repository;
    private final Path directory;

    TurnSnapshots(GitRepository repository, Path directory) {
        this.repository = requireNonNull(repository, "repository is null");
        this.directory = requireNonNull(directory, "directory is null");
    }

    /**
     * A turn starts: the snapshot of an earlier start goes, so that a process that dies before {@link #begin} is done
     * leaves none rather than a stale one.
     */
    void forget(SessionId session) {
        deleteQuietly(file(session, TURN_START));
    }

    /**
     * Stages the work tree as it is now, under another name until it is complete. A failure is logged and leaves no
     * snapshot: the turn is still recorded, by the files its transcript names.
     */
    void begin(SessionId session) {
        Path next = file(session, NEXT);
        try {
            Path last = file(session, LAST);
            Path seed = Files.isRegularFile(last) ? last : repository.indexFile();
            if (Files.isRegularFile(seed)) {
                Files.copy(seed, next, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(next);
            }
            repository.scratchIndex(next).stageWorkTree();
            Files.move(next, file(session, TURN_START), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "session " + session + ": no snapshot of the work tree at the turn's"
                    + " start (" + e.getMessage() + "); the turn's files are those its transcript names");
            deleteQuietly(next);
        }
    }

    /**
     * Takes {@code staged}, an index of this sessions folder that the work tree was staged into before the turn's
     * start was recorded, as the turn's snapshot. False when it is not in this folder (another repository's work
     * tree) or cannot be moved into place; the caller then stages the work tree itself.
     */
    boolean adopt(SessionId session, Path staged) {
        if (!inThisFolder(staged)) {
            return false;
        }
        try {
            Files.move(staged, file(session, TURN_START), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "session " + session + ": the work tree staged before the turn's"
                    + " start could not be taken (" + e.getMessage() + "); staging it again");
            return false;
        }
    }

    /** The launcher names the file from the shell's working directory, which may be reached through a symlink. */
    private boolean inThisFolder(Path staged) {
        Path folder = staged.getParent();
        if (directory.equals(folder)) {
            return true;
        }
        try {
            return folder != null && Files.isSameFile(directory, folder);
        } catch (IOException e) {
            return false;
        }
    }

    /** The tree of the work tree as the running turn found it, if its start was recorded. */
    Optional<ObjectId> startTree(SessionId session) {
        Path turnStart = file(session, TURN_START);
        return Files.isRegularFile(turnStart) ? Optional.of(repository.scratchIndex(turnStart).writeTree())
                : Optional.empty();
    }

    /**
     * The turn ends: the paths where the work tree now differs from the work tree as the turn found it (ignored files
     * never count), or empty when the turn's start was not recorded. The snapshot is used up; its index stays as the
     * seed of the session's next turn.
     */
    Optional<List<String>> finish(SessionId session) {
        Path turnStart = file(session, TURN_START);
        if (!Files.isRegularFile(turnStart)) {
            return Optional.empty();
        }
        try {
            Path last = Files.move(turnStart, file(session, LAST), StandardCopyOption.REPLACE_EXISTING);
            return Optional.of(repository.scratchIndex(last).workTreeChanges());
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "session " + session + ": comparing the work tree with the turn's"
                    + " start failed (" + e.getMessage() + "); the turn's files are those its transcript names");
            deleteQuietly(turnStart);
            deleteQuietly(file(session, LAST));
            return Optional.empty();
        }
    }

    /** The session is over: its scratch indexes go (a resumed session seeds a new one from the user's index). */
    void discard(SessionId session) {
        try {
            Files.deleteIfExists(file(session, TURN_START));
            Files.deleteIfExists(file(session, NEXT));
            Files.deleteIfExists(file(session, LAST));
        } catch (IOException e) {
            throw new UncheckedIOException("removing the work tree snapshots of session " + session, e);
        }
    }

    private Path file(SessionId session, String suffix) {
        return directory.resolve(session.value() + suffix);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove " + file + ": " + e.getMessage());
        }
    }
}
