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
import io.entire.core.store.CheckpointDestination;
import io.entire.core.store.CheckpointRemotes;
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
 * session's transcript where its agent (each session's own) looks for it in this work tree.
 */
public final class Resumer {
    /** Enough commits of history to skip the few whose message mentions the trailer without a valid id. */
    private static final int COMMITS_SEARCHED = 20;
    private static final String V1_BRANCH = "refs/heads/entire/checkpoints/v1";
    private static final List<String> V2_REFS = List.of("refs/entire/checkpoints/v2/main",
            "refs/entire/checkpoints/v2/full/current");

    private final GitRepository repository;
    private final Supplier<StoreSet> openStores;
    private final AgentTranscripts agents;
    private final CheckpointRemotes remotes;

    /**
     * @param openStores opens the stores the settings select; called again after fetching checkpoint branches
     * @param remotes where checkpoint branches are fetched from
     */
    public Resumer(GitRepository repository, Supplier<StoreSet> openStores, AgentTranscripts agents,
            CheckpointRemotes remotes) {
        this.repository = requireNonNull(repository, "repository is null");
        this.remotes = requireNonNull(remotes, "remotes is null");
        this.openStores = requireNonNull(openStores, "openStores is null");
        this.agents = requireNonNull(agents, "agents is null");
    }

    /**
     * Finds and reads everything first (the branch's newest checkpoint, fetched if need be, and each transcript), so
     * that a target that names nothing or a checkpoint whose objects are missing changes nothing; then switches to the
     * branch and writes the transcripts.
     */
    public ResumeResult resume(String target, Overwrite overwrite) {
        Optional<CheckpointId> named = CheckpointId.parse(target);
        Optional<String> branch = named.isPresent() ? Optional.empty() : branch(target);
        Optional<ObjectId> commit = Optional.empty();
        List<CheckpointId> checkpoints;
        if (named.isPresent()) {
            checkpoints = List.of(named.get());
        } else {
            ObjectId found = branch.flatMap(repository::findCommit).or(() -> repository.findCommit(target))
                    .orElseThrow(() -> new UnknownPointException(target,
                            "is neither a branch, a commit nor a checkpoint id"));
            commit = Optional.of(found);
            checkpoints = newestCheckpoints(target, found);
        }
        Optional<String> switchTo = branch.filter(name -> !isCurrentBranch(target));
        switchTo.ifPresent(name -> requireCleanWorkTree(target));
        List<TranscriptRestore> sessions = new ArrayList<>();
        StoreSet stores = openStores.get();
        try {
            List<StoreSet.Located> located = new ArrayList<>();
            for (CheckpointId id : checkpoints) {
                Optional<StoreSet.Located> found = stores.find(id);
                if (found.isEmpty() && fetchCheckpointBranches()) {
                    stores.close();
                    stores = openStores.get();
                    found = stores.find(id);
                }
                located.add(found.orElseThrow(() -> new PointDataMissingException("checkpoint " + id,
                        "neither stored here nor on the remote; nothing was changed")));
            }
            StoredTranscripts transcripts = new StoredTranscripts(repository, agents,
                    new TranscriptFiles(repository.commonDir()));
            located.forEach(checkpoint -> transcriptsOf(checkpoint)
                    .forEach(session -> transcripts.requireRestorable(checkpoint, session)));
            switchTo.ifPresent(name -> new WorkTreeCheckout(repository).switchTo(target));
            located.forEach(checkpoint -> transcriptsOf(checkpoint)
                    .forEach(session -> sessions.add(transcripts.restore(checkpoint, session, overwrite))));
        } finally {
            stores.close();
        }
        return new ResumeResult(switchTo.map(name -> target), commit, checkpoints, sessions);
    }

    private static List<StoredSession> transcriptsOf(StoreSet.Located checkpoint) {
        return checkpoint.checkpoint().sessions().stream().filter(StoredSession::hasTranscript).toList();
    }

    /** The branch's ref, local or (for a branch only the remote has) remote-tracking; empty when it is no branch. */
    private Optional<String> branch(String name) {
        RefName local;
        try {
            local = RefName.of("refs/heads/" + name);
        } catch (IllegalArgumentException notABranchName) {
            return Optional.empty();
        }
        if (repository.refs().find(local).isPresent()) {
            return Optional.of(local.name());
        }
        return repository.defaultRemote().map(remote -> RefName.of("refs/remotes/" + remote.name() + "/" + name))
                .filter(remote -> repository.refs().find(remote).isPresent()).map(RefName::name);
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
     * Fetches the checkpoint branch and the v2 refs from the checkpoint remote: the v1 branch into its
     * remote-tracking ref (read when there is no local one), each v2 ref only where this clone has none, so nothing
     * local moves. False when there is no remote or nothing to fetch.
     */
    private boolean fetchCheckpointBranches() {
        Optional<CheckpointDestination> destination = remotes.forReading();
        if (destination.isEmpty()) {
            return false;
        }
        Remote remote = destination.get().remote();
        String tracking = remotes.trackingName(destination.get());
        List<String> wanted = new ArrayList<>(V2_REFS);
        wanted.add(V1_BRANCH);
        Map<RefName, RefName> refspecs = new HashMap<>();
        for (RefName ref : remote.listRefs(wanted).keySet()) {
            if (ref.name().equals(V1_BRANCH)) {
                refspecs.put(ref, RefName.of("refs/remotes/" + tracking + "/entire/checkpoints/v1"));
            } else if (repository.refs().find(ref).isEmpty()) {
                refspecs.put(ref, ref);
            }
        }
        remote.fetch(refspecs);
        return !refspecs.isEmpty();
    }
}
