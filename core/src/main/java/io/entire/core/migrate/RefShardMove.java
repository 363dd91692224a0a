package io.entire.core.migrate;

import static java.util.Objects.requireNonNull;

import io.entire.core.CheckpointFailure;
import io.entire.core.Log;
import io.entire.core.git.Expected;
import io.entire.core.git.GitRepository;
import io.entire.core.git.ObjectId;
import io.entire.core.git.RefMove;
import io.entire.core.git.RefName;
import io.entire.core.git.RefTip;
import io.entire.core.git.RefUpdateResult;
import io.entire.core.id.CheckpointId;
import io.entire.core.store.refs.CheckpointRefs;
import io.entire.core.store.refs.RefStore;
import io.entire.core.store.refs.RefsToPush;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves the checkpoint refs that earlier versions wrote under a legacy id's first two characters to its last two
 * (FORMATS.md 5), where the Go tool looks: the new ref is queued for push, then created at the old one's commit and
 * the old one deleted in one compare-and-swap transaction. A ref that moved meanwhile is left for a rerun.
 */
final class RefShardMove {
    private static final System.Logger LOG = Log.of(RefShardMove.class);

    private final GitRepository repository;
    private final RefStore refs;
    private final RefsToPush queue;

    RefShardMove(GitRepository repository, RefStore refs, RefsToPush queue) {
        this.repository = requireNonNull(repository, "repository is null");
        this.refs = requireNonNull(refs, "refs is null");
        this.queue = requireNonNull(queue, "queue is null");
    }

    /** How many refs moved (or would move, on a dry run), and each that could not with its id and reason. */
    record Result(int moved, List<CheckpointFailure> failed) {
        Result {
            failed = List.copyOf(failed);
        }
    }

    Result run(boolean dryRun) {
        List<RefTip> tips = refs.tips();
        Map<RefName, ObjectId> current = new HashMap<>();
        tips.forEach(tip -> current.put(tip.ref(), tip.commit()));
        int moved = 0;
        List<CheckpointFailure> failed = new ArrayList<>();
        for (RefTip tip : tips) {
            CheckpointId id = CheckpointRefs.checkpointOf(tip.ref()).orElseThrow();
            RefName target = CheckpointRefs.refFor(id);
            if (tip.ref().equals(target)) {
                continue;
            }
            ObjectId there = current.get(target);
            if (there != null && !there.equals(tip.commit())) {
                failed.add(CheckpointFailure.of(id, CheckpointFailure.Category.STORAGE, tip.ref().name() + " and "
                        + target.name() + " hold different commits; both are kept, and reads use " + target.name()));
                continue;
            }
            if (dryRun) {
                moved++;
                continue;
            }
            if (move(id, tip, target, there == null, failed)) {
                moved++;
            }
        }
        return new Result(moved, failed);
    }

    /** Creates the new ref (when needed) and deletes the old one in one transaction: both happen, or neither. */
    private boolean move(CheckpointId id, RefTip old, RefName target, boolean create,
            List<CheckpointFailure> failed) {
        List<RefMove> moves = new ArrayList<>();
        if (create) {
            // Queued first: a push that runs before the ref exists drops the entry, one after it pushes the ref.
            queue.add(target);
            moves.add(RefMove.update(target, Expected.absent(), old.commit()));
        }
        moves.add(RefMove.delete(old.ref(), old.commit()));
        RefUpdateResult result = repository.refs().moveAll(moves, "entire: move checkpoint " + id
                + " to its last-two shard");
        if (result != RefUpdateResult.UPDATED) {
            LOG.log(Level.WARNING, "checkpoint " + id + ": " + old.ref().name() + " or " + target.name()
                    + " moved while it was being moved (" + result + "); both kept as they were");
            failed.add(CheckpointFailure.of(id, CheckpointFailure.Category.MOVED, old.ref().name() + " or "
                    + target.name() + " changed while it was being moved; run again"));
            return false;
        }
        return true;
    }
}
