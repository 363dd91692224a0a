package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.GitRepository;
import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import io.entire.core.store.StoreSet;
import io.entire.core.trailers.Trailers;

/**
 * {@code entire link}: a link put back by hand. HEAD is reworded in place (as {@code attach} does); an older commit
 * is refused, since rewording it would rewrite every commit after it, maybe ones already pushed.
 */
public final class ManualLink {
    private final GitRepository repository;
    private final StoreSet stores;

    public ManualLink(GitRepository repository, StoreSet stores) {
        this.repository = requireNonNull(repository, "repository is null");
        this.stores = requireNonNull(stores, "stores is null");
    }

    /** Whether the commit had to be reworded, or carried the trailer already. */
    public enum Outcome {
        LINKED,
        ALREADY_LINKED
    }

    /** Links the commit to the stored checkpoint; nothing changes when that fails. */
    public Outcome link(String commit, CheckpointId id) {
        ObjectId target = repository.findCommit(commit).orElseThrow(() -> new CaptureException("'" + commit
                + "' is not a commit; nothing linked"));
        if (Trailers.checkpointIds(repository.commitMessage(target)).contains(id)) {
            return Outcome.ALREADY_LINKED;
        }
        if (stores.find(id).isEmpty()) {
            throw new CaptureException("checkpoint " + id + " is not in the checkpoint store (fetch it first:"
                    + " git fetch origin entire/checkpoints/v1:entire/checkpoints/v1); nothing linked");
        }
        ObjectId head = repository.findCommit("HEAD").orElseThrow();
        if (!target.equals(head)) {
            throw new CaptureException("commit " + target.abbreviated() + " is not HEAD, and linking it would rewrite"
                    + " every commit after it; add '" + Trailers.checkpointLine(id) + "' to its message in"
                    + " git rebase -i (reword), and the link is kept from then on");
        }
        return switch (repository.rewordHead(head, message -> Trailers.withCheckpoint(message, id))) {
            case CREATED, UPDATED -> Outcome.LINKED;
            case UNCHANGED, DELETED -> throw new IllegalStateException("rewording HEAD did not move it");
            case REJECTED_STALE, LOCKED -> throw new CaptureException("HEAD moved while linking checkpoint " + id
                    + "; nothing linked, run the command again");
        };
    }
}
