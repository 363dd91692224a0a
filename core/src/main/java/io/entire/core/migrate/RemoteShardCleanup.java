package io.entire.core.migrate;

import static java.util.Objects.requireNonNull;

import io.entire.core.Log;
import io.entire.core.git.Deadline;
import io.entire.core.git.GitRepository;
import io.entire.core.git.ObjectId;
import io.entire.core.git.PushResult;
import io.entire.core.git.PushStatus;
import io.entire.core.git.RefName;
import io.entire.core.git.Remote;
import io.entire.core.git.RemoteException;
import io.entire.core.id.CheckpointId;
import io.entire.core.store.refs.CheckpointRefs;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Takes the checkpoint refs earlier versions pushed under a legacy id's first two characters off each configured
 * remote and off the checkpoint remote (which a setting may give as a bare URL), once the ref under its last two is
 * confirmed there: listed by the remote, or pushed now and accepted. Each deletion is leased on the value listed, so
 * a ref someone moved meanwhile stays. A remote that cannot be reached keeps everything; a rerun converges.
 */
final class RemoteShardCleanup {
    private static final System.Logger LOG = Log.of(RemoteShardCleanup.class);
    /** How long one remote may take: a hung one must not hold the migration, whose local work is done. */
    private static final Duration PER_REMOTE = Duration.ofMinutes(2);

    private final GitRepository repository;
    private final Optional<Remote> checkpointRemote;

    RemoteShardCleanup(GitRepository repository, Optional<Remote> checkpointRemote) {
        this.repository = requireNonNull(repository, "repository is null");
        this.checkpointRemote = requireNonNull(checkpointRemote, "checkpointRemote is null");
    }

    /** What the cleanup did per remote, as the lines the migration's summary ends with. */
    List<String> run() {
        List<String> names = new ArrayList<>(repository.remoteNames());
        checkpointRemote.map(Remote::name).filter(name -> !names.contains(name)).ifPresent(names::add);
        List<String> notes = new ArrayList<>();
        for (String name : names) {
            Remote remote = repository.remote(name).withDeadline(Deadline.after(PER_REMOTE));
            try {
                int removed = clean(remote);
                if (removed > 0) {
                    notes.add("removed " + removed + " old refs from " + name);
                }
            } catch (RemoteException e) {
                LOG.log(Level.WARNING, "remote " + name + ": old checkpoint refs kept: " + e.getMessage());
                notes.add(name + " unreachable: old-shard refs there, if any, stay until a rerun");
            }
        }
        return notes;
    }

    private int clean(Remote remote) {
        Map<RefName, ObjectId> listed = remote.listRefs(List.of(CheckpointRefs.PREFIX + "*"));
        int removed = 0;
        for (Map.Entry<RefName, ObjectId> old : listed.entrySet()) {
            Optional<CheckpointId> id = CheckpointRefs.checkpointOf(old.getKey());
            if (id.isEmpty() || CheckpointRefs.refFor(id.get()).equals(old.getKey())) {
                continue;
            }
            RefName target = CheckpointRefs.refFor(id.get());
            if (!listed.containsKey(target) && !pushed(remote, target)) {
                continue;
            }
            PushResult deleted = remote.deleteLeased(old.getKey(), old.getValue());
            if (deleted.status() == PushStatus.ACCEPTED) {
                removed++;
            } else {
                LOG.log(Level.WARNING, "remote " + remote.name() + ": " + old.getKey().name() + " kept ("
                        + deleted.detail() + ")");
            }
        }
        return removed;
    }

    /** Whether this clone holds the new ref and the remote accepted it now. */
    private boolean pushed(Remote remote, RefName target) {
        if (repository.refs().find(target).isEmpty()) {
            return false;
        }
        return remote.push(List.of(target)).stream().anyMatch(result -> result.ref().equals(target)
                && result.status() == PushStatus.ACCEPTED);
    }
}
