package io.entire.core.store.v2;

import static java.util.Objects.requireNonNull;

import io.entire.core.FileLocks;
import io.entire.core.Log;
import io.entire.core.git.BatchReader;
import io.entire.core.git.CommitRequest;
import io.entire.core.git.Expected;
import io.entire.core.git.GitRepository;
import io.entire.core.git.ObjectId;
import io.entire.core.git.ObjectWriter;
import io.entire.core.git.RefMove;
import io.entire.core.git.RefUpdateResult;
import io.entire.core.git.TreeEntry;
import io.entire.core.store.StoreWorkers;
import io.entire.core.store.TreeSplice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The raw-transcript generations of the v2 layout: {@code /full/current} and its numbered archives, their
 * {@code generation.json}, the rotation of a full current generation into the next archive, and the lock in the git
 * common dir that writers of the full refs hold (so two writers crossing the threshold make one archive).
 */
final class V2Generations {
    private static final System.Logger LOG = Log.of(V2Generations.class);

    static final String LOCK = "entire-v2-full.lock";

    private final GitRepository repository;
    private final StoreWorkers workers;
    private final int size;

    V2Generations(GitRepository repository, StoreWorkers workers, int size) {
        this.repository = requireNonNull(repository, "repository is null");
        this.workers = requireNonNull(workers, "workers is null");
        if (size < 1) {
            throw new IllegalArgumentException("generation size must be positive: " + size);
        }
        this.size = size;
    }

    int size() {
        return size;
    }

    void withLock(Runnable action) {
        withLock(() -> {
            action.run();
            return null;
        });
    }

    <T> T withLock(Supplier<T> action) {
        Path lock = repository.commonDir().resolve(LOCK);
        try (FileLocks.Held held = FileLocks.lock(lock)) {
            return action.get();
        } catch (IOException e) {
            throw new UncheckedIOException("locking " + lock, e);
        }
    }

    /** Archive refs by generation number. */
    Map<Long, ObjectId> archives() {
        Map<Long, ObjectId> archives = new TreeMap<>();
        repository.refs().list(V2Refs.FULL_PREFIX).forEach((ref, id) -> V2Refs.archiveNumber(ref)
                .ifPresent(number -> archives.put(number, id)));
        return archives;
    }

    /** The current generation first, then archives newest first: the order a raw transcript is looked up in. */
    List<ObjectId> tips() {
        List<ObjectId> tips = new ArrayList<>();
        repository.refs().find(V2Refs.CURRENT).ifPresent(tips::add);
        List<ObjectId> archived = new ArrayList<>(archives().values());
        Collections.reverse(archived);
        tips.addAll(archived);
        return tips;
    }

    /** The {@code generation.json} of a generation's root tree; empty for none. */
    Generation read(Optional<ObjectId> root) {
        if (root.isEmpty()) {
            return Generation.EMPTY;
        }
        return reader().find(root.get().hex() + ":" + Generation.FILE).map(object -> Generation.parse(object.content()))
                .orElse(Generation.EMPTY);
    }

    /** True when the current generation or an archive already holds exactly this slot folder. */
    boolean holds(List<String> path, ObjectId slotTree) {
        for (ObjectId tip : tips()) {
            Optional<ObjectId> found = TreeSplice.find(reader(), Optional.of(reader().readCommitTree(tip)), path);
            if (found.equals(Optional.of(slotTree))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Archives {@code /full/current} once it holds a full generation and starts a new one; the caller holds the lock.
     * Never fails the write: problems are logged. Skips when another writer rotated already; never overwrites an
     * archive number; does not reset the current generation if it moved meanwhile.
     */
    void rotateIfFull() {
        try {
            Optional<ObjectId> tip = repository.refs().find(V2Refs.CURRENT);
            if (tip.isEmpty()) {
                return;
            }
            ObjectId tree = reader().readCommitTree(tip.get());
            if (read(Optional.of(tree)).checkpoints().size() < size) {
                return;
            }
            Map<Long, ObjectId> archives = archives();
            boolean archived = false;
            for (ObjectId archive : archives.values()) {
                archived |= reader().readCommitTree(archive).equals(tree);
            }
            ObjectId fresh = writer().writeCommit(CommitRequest.of(writer().writeTree(List.of(TreeEntry.file(
                    Generation.FILE, writer().writeBlob(Generation.EMPTY.toJson())))), Optional.empty(),
                    "Start generation\n"));
            // The archive and the fresh generation land together: never an archive beside a generation that was
            // not reset, nor a reset generation whose checkpoints no archive holds.
            List<RefMove> moves = new ArrayList<>();
            if (!archived) {
                long number = archives.keySet().stream().mapToLong(Long::longValue).max().orElse(0) + 1;
                ObjectId archive = writer().writeCommit(CommitRequest.of(tree, tip, "Archive generation\n"));
                moves.add(RefMove.update(V2Refs.archive(number), Expected.absent(), archive));
            }
            moves.add(RefMove.update(V2Refs.CURRENT, Expected.value(tip.get()), fresh));
            RefUpdateResult result = repository.refs().moveAll(moves, "entire: archive v2 generation, start one");
            if (result != RefUpdateResult.UPDATED) {
                LOG.log(Level.WARNING, "v2 rotation skipped: " + V2Refs.CURRENT + " or the archive moved ("
                        + result + ")");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "v2 generation rotation failed; the write stands: " + e);
        }
    }

    private BatchReader reader() {
        return workers.reader();
    }

    private ObjectWriter writer() {
        return workers.writer();
    }
}
