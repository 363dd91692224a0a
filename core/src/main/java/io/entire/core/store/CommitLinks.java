package io.entire.core.store;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.CommitInfo;
import io.entire.core.git.DatedCommit;
import io.entire.core.git.GitRepository;
import io.entire.core.git.LoggedCommit;
import io.entire.core.git.ObjectId;
import io.entire.core.git.RangeLog;
import io.entire.core.id.CheckpointId;
import io.entire.core.trailers.Trailers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which checkpoints a code commit has: those its {@code Entire-Checkpoint} trailers name, or, for a commit without
 * one, those {@code import} recorded for it ({@code linked_commit}, found by one {@code git log} of the stores when
 * such a commit first asks), and the other way round, which commits link a checkpoint. One thread; build one per
 * query, since the stores may gain links between queries.
 */
public final class CommitLinks {
    /** Every code commit: the checkpoint branches and refs hold storage commits, never code. */
    private static final List<String> CODE_HISTORY = List.of("--exclude=refs/heads/entire/*", "--branches", "--tags",
            "--remotes", "HEAD");

    private final GitRepository repository;
    private final StoreSet stores;
    private final Map<ObjectId, List<CheckpointId>> recorded = new HashMap<>();
    private boolean recordedRead;

    public CommitLinks(GitRepository repository, StoreSet stores) {
        this.repository = requireNonNull(repository, "repository is null");
        this.stores = requireNonNull(stores, "stores is null");
    }

    /** The checkpoints the commit with this message links, first named first; none when nothing links it. */
    public List<CheckpointId> of(ObjectId commit, String message) {
        requireNonNull(commit, "commit is null");
        List<CheckpointId> byTrailer = Trailers.checkpointIds(message);
        return byTrailer.isEmpty() ? recorded().getOrDefault(commit, List.of()) : byTrailer;
    }

    /**
     * The commits of {@code range} (anything {@code git log} takes) that link checkpoints, oldest first: one
     * {@code git log --grep} for the trailers, or, once an import recorded links, one {@code git log} of every commit
     * of the range. A range git does not know is a {@link io.entire.core.git.RangeException}.
     */
    public List<CommitCheckpoints> inRange(String range) {
        List<DatedCommit> commits = recorded().isEmpty()
                ? RangeLog.mentioning(repository, range, Trailers.CHECKPOINT_KEY + ":")
                : RangeLog.all(repository, range);
        List<CommitCheckpoints> linked = new ArrayList<>();
        for (DatedCommit commit : commits) {
            List<CheckpointId> ids = of(commit.id(), commit.message());
            if (!ids.isEmpty()) {
                linked.add(new CommitCheckpoints(commit, ids));
            }
        }
        return linked;
    }

    /**
     * The commits that link each of {@code checkpoints}, as {@link #of} answers for them: the commits of the code
     * history (branches, tags, remote-tracking branches, HEAD) whose trailers name one, newest first, from one
     * {@code git log --grep}; then the commits without a trailer that an import recorded for one, when git has them.
     * A checkpoint no commit links is left out.
     */
    public Map<CheckpointId, List<LoggedCommit>> linking(Set<CheckpointId> checkpoints) {
        Map<CheckpointId, List<LoggedCommit>> linked = new HashMap<>();
        if (checkpoints.isEmpty()) {
            return linked;
        }
        for (LoggedCommit commit : repository.commitsMentioning(Trailers.CHECKPOINT_KEY + ":", CODE_HISTORY)) {
            for (CheckpointId id : Trailers.checkpointIds(commit.message())) {
                if (checkpoints.contains(id)) {
                    linked.computeIfAbsent(id, key -> new ArrayList<>()).add(commit);
                }
            }
        }
        Set<ObjectId> recordedForThem = new LinkedHashSet<>();
        recorded().forEach((commit, ids) -> {
            if (ids.stream().anyMatch(checkpoints::contains) && repository.findCommit(commit.hex()).isPresent()) {
                recordedForThem.add(commit);
            }
        });
        for (CommitInfo commit : repository.commits(recordedForThem)) {
            if (Trailers.checkpointIds(commit.message()).isEmpty()) {
                for (CheckpointId id : recorded().get(commit.id())) {
                    if (checkpoints.contains(id)) {
                        linked.computeIfAbsent(id, key -> new ArrayList<>())
                                .add(new LoggedCommit(commit.id(), commit.message()));
                    }
                }
            }
        }
        return linked;
    }

    private Map<ObjectId, List<CheckpointId>> recorded() {
        if (!recordedRead) {
            stores.recordedLinks().forEach((commit, ids) -> recorded.put(ObjectId.of(commit), List.copyOf(ids)));
            recordedRead = true;
        }
        return recorded;
    }
}
