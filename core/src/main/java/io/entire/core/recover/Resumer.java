package io.entire.core.recover;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.GitRepository;
import io.entire.core.git.LoggedCommit;
import io.entire.core.git.ObjectId;
import io.entire.core.git.RefName;
import io.entire.core.git.Remote;
import io.entire.core.git.StatusEntry;
import io.entire.core.git.WorkTreeCheckout;
import io.entire.core.id.CheckpointId;
import io.entire.core.store.StoreSet;
import io.entire.core.store.StoredSession;
import io.entire.core.trailers.Trailers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Resumes the sessions behind a branch, a commit or a checkpoint: switches to the branch (never over local changes),
 * finds the newest checkpoint linked from its history, fetches it when only the remote has it, and writes each
 * session's transcript where its agent looks for it in this work tree.
 */
public final class Resumer {
    /** Enough commits of history to skip the few whose message mentions the trailer without a valid id. */
    private static final int COMMITS_SEARCHED = 20;
    private static final String V1_BRANCH = "refs/heads/entire/checkpoints/v1";
    private static final List<String> V2_REFS = List.of("refs/entire/checkpoints/v2/main",
            "refs/entire/checkpoints/v2/full/current");

    private final GitRepository repository;
    private final Supplier<StoreSet> openStores;
    private final AgentTranscripts agent;

    /** @param openStores opens the stores the settings select; called again after fetching checkpoint branches */
    public Resumer(GitRepository repository, Supplier<StoreSet> openStores, AgentTranscripts agent) {
        this.repository = requireNonNull(repository, "repository is null");
        this.openStores = requireNonNull(openStores, "openStores is null");
        this.agent = requireNonNull(agent, "agent is null");
    }

    public ResumeResult resume(String target, Overwrite overwrite) {
        Optional<CheckpointId> named = CheckpointId.parse(target);
        Optional<String> switchedTo = Optional.empty();
        Optional<ObjectId> commit = Optional.empty();
        List<CheckpointId> checkpoints;
        if (named.isPresent()) {
            checkpoints = List.of(named.get());
        } else {
            if (isBranch(target) && !isCurrentBranch(target)) {
                requireCleanWorkTree(target);
                new WorkTreeCheckout(repository).switchTo(target);
                switchedTo = Optional.of(target);
            }
            ObjectId found = repository.findCommit(switchedTo.isPresent() ? "HEAD" : target).orElseThrow(() ->
                    new UnknownPointException(target, "is neither a branch, a commit nor a checkpoint id"));
            commit = Optional.of(found);
            checkpoints = newestCheckpoints(target, found);
        }
        List<TranscriptRestore> sessions = new ArrayList<>();
        StoreSet stores = openStores.get();
        try {
            Map<CheckpointId, StoreSet.Located> located = new HashMap<>();
            for (CheckpointId id : checkpoints) {
                Optional<StoreSet.Located> found = stores.find(id);
                if (found.isEmpty() && fetchCheckpointBranches()) {
                    stores.close();
                    stores = openStores.get();
                    found = stores.find(id);
                }
                located.put(id, found.orElseThrow(() -> new PointDataMissingException("checkpoint " + id,
                        "neither stored here nor on the remote; nothing was written")));
            }
            for (CheckpointId id : checkpoints) {
                StoreSet.Located checkpoint = located.get(id);
                List<StoredSession> stored = checkpoint.checkpoint().sessions().stream()
                        .filter(StoredSession::hasTranscript).toList();
                stored.forEach(session -> StoredTranscripts.requireReadable(checkpoint, session));
                StoredTranscripts transcripts = new StoredTranscripts(repository, agent,
                        new TranscriptFiles(repository.commonDir()));
                stored.forEach(session -> sessions.add(transcripts.restore(checkpoint, session, overwrite)));
            }
        } finally {
            stores.close();
        }
        return new ResumeResult(switchedTo, commit, checkpoints, sessions);
    }

    private boolean isBranch(String name) {
        RefName local;
        try {
            local = RefName.of("refs/heads/" + name);
        } catch (IllegalArgumentException notABranchName) {
            return false;
        }
        return repository.findRef(local).isPresent() || repository.defaultRemote()
                .map(remote -> repository.findRef(RefName.of("refs/remotes/" + remote.name() + "/" + name)).isPresent())
                .orElse(false);
    }

    private boolean isCurrentBranch(String name) {
        return repository.currentBranch().map(RefName::name).equals(Optional.of("refs/heads/" + name));
    }

    private void requireCleanWorkTree(String branch) {
        List<String> changed = new ArrayList<>();
        for (StatusEntry entry : repository.changes().status()) {
            if (!entry.isUntracked()) {
                changed.add(entry.path());
            }
        }
        if (!changed.isEmpty()) {
            throw new UnsavedChangesException(changed, "commit or stash them before switching to " + branch);
        }
    }

    /** The checkpoints of the newest commit in the history of {@code commit} that links any. */
    private List<CheckpointId> newestCheckpoints(String target, ObjectId commit) {
        for (LoggedCommit linked : repository.commitsMentioning(Trailers.CHECKPOINT_KEY + ":",
                List.of("--max-count=" + COMMITS_SEARCHED, commit.hex()))) {
            List<CheckpointId> ids = Trailers.checkpointIds(linked.message());
            if (!ids.isEmpty()) {
                return ids;
            }
        }
        throw new UnknownPointException(target, "has no commit in its history that links a checkpoint ("
                + Trailers.CHECKPOINT_KEY + " trailer)");
    }

    /**
     * Fetches the checkpoint branch and the v2 refs from the default remote: the v1 branch into its remote-tracking
     * ref (read when there is no local one), each v2 ref only where this clone has none, so nothing local moves.
     * False when there is no remote or nothing to fetch.
     */
    private boolean fetchCheckpointBranches() {
        Optional<Remote> remote = repository.defaultRemote();
        if (remote.isEmpty()) {
            return false;
        }
        List<String> wanted = new ArrayList<>(V2_REFS);
        wanted.add(V1_BRANCH);
        Map<RefName, RefName> refspecs = new HashMap<>();
        for (RefName ref : remote.get().listRefs(wanted).keySet()) {
            if (ref.name().equals(V1_BRANCH)) {
                refspecs.put(ref, RefName.of("refs/remotes/" + remote.get().name() + "/entire/checkpoints/v1"));
            } else if (repository.findRef(ref).isEmpty()) {
                refspecs.put(ref, ref);
            }
        }
        remote.get().fetch(refspecs);
        return !refspecs.isEmpty();
    }
}
