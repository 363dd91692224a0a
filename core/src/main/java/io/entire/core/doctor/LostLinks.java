package io.entire.core.doctor;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.CommitInfo;
import io.entire.core.git.GitRepository;
import io.entire.core.git.LoggedCommit;
import io.entire.core.git.ObjectId;
import io.entire.core.git.RefName;
import io.entire.core.id.CheckpointId;
import io.entire.core.trailers.Trailers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the links of the current branch that do not resolve ({@link LostLink}): its commits' trailers naming
 * checkpoints no store has, and checkpoints that only commits of the branch's reflog linked (an amend with a new
 * message, a {@code reset --soft} and a new commit), with the branch's commit of the same tree that should carry the
 * trailer now.
 */
final class LostLinks {
    private static final String TRAILER = Trailers.CHECKPOINT_KEY + ":";

    private final GitRepository repository;

    LostLinks(GitRepository repository) {
        this.repository = requireNonNull(repository, "repository is null");
    }

    /** @param stored the ids of every checkpoint the stores hold */
    List<LostLink> find(Set<CheckpointId> stored) {
        List<LostLink> lost = new ArrayList<>();
        Set<CheckpointId> linked = new HashSet<>();
        for (LoggedCommit commit : repository.commitsMentioning(TRAILER, List.of("HEAD"))) {
            for (CheckpointId id : Trailers.checkpointIds(commit.message())) {
                linked.add(id);
                if (!stored.contains(id)) {
                    lost.add(new LostLink(LostLink.Kind.MISSING_CHECKPOINT, commit.id(), subject(commit.message()),
                            id, Optional.empty()));
                }
            }
        }
        Optional<RefName> branch = repository.currentBranch();
        Optional<ObjectId> head = repository.findCommit("HEAD");
        if (branch.isEmpty() || head.isEmpty()) {
            return lost;
        }
        Map<CheckpointId, LoggedCommit> dropped = new LinkedHashMap<>();
        for (LoggedCommit commit : repository.commitsMentioning(TRAILER, List.of("--walk-reflogs",
                branch.get().name()))) {
            for (CheckpointId id : Trailers.checkpointIds(commit.message())) {
                if (!linked.contains(id) && stored.contains(id)) {
                    dropped.putIfAbsent(id, commit);
                }
            }
        }
        dropped.forEach((id, commit) -> lost.add(new LostLink(LostLink.Kind.DROPPED_TRAILER, commit.id(),
                subject(commit.message()), id, replacement(commit.id(), head.get()))));
        return lost;
    }

    /** The branch's commit since it parted from {@code old} whose tree is the same: the rewritten commit. */
    private Optional<ObjectId> replacement(ObjectId old, ObjectId head) {
        Optional<ObjectId> base = repository.mergeBase(old, head);
        List<ObjectId> candidates = base.map(found -> repository.commitsBetween(found, head)).orElse(List.of());
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        ObjectId tree = repository.commits(List.of(old)).get(0).tree();
        return repository.commits(candidates).stream().filter(commit -> commit.tree().equals(tree))
                .map(CommitInfo::id).reduce((first, second) -> second);
    }

    private static String subject(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
