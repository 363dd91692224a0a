package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.CommitInfo;
import io.entire.core.git.GitRepository;
import io.entire.core.git.ObjectId;
import io.entire.core.git.RepositoryOperation;
import io.entire.core.id.CheckpointId;
import io.entire.core.trailers.Trailers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * post-rewrite: a commit that replaced others (an amend, a rebase's pick, reword, squash or fixup) gets back every
 * {@code Entire-Checkpoint} trailer of the commits it replaced that its message lost. The commits that lost some are
 * reworded in place, with those after them up to HEAD, and HEAD moves onto the result (compare-and-swap): the commits
 * are the ones git just wrote, and the trailer is the link that travels with them to every clone and forge.
 */
public final class LinkRestorer {
    private final GitRepository repository;

    public LinkRestorer(GitRepository repository) {
        this.repository = requireNonNull(repository, "repository is null");
    }

    public RestoreResult restore(RewriteKind kind, List<RewrittenCommit> rewritten) {
        if (kind == RewriteKind.AMEND && repository.operationInProgress() != RepositoryOperation.NONE) {
            return RestoreResult.of(RestoreOutcome.SKIPPED_OPERATION);
        }
        // Newest first: git then meets each older commit as the parent of one it read already, knows it is a
        // commit, and reads a loose one once instead of twice (once for its type, once for its content).
        Set<ObjectId> named = new LinkedHashSet<>();
        for (int i = rewritten.size() - 1; i >= 0; i--) {
            named.add(rewritten.get(i).after());
            named.add(rewritten.get(i).before());
        }
        Map<ObjectId, CommitInfo> commits = new HashMap<>();
        repository.commits(named).forEach(commit -> commits.put(commit.id(), commit));
        Map<ObjectId, List<CheckpointId>> lost = lostTrailers(rewritten, commits);
        if (lost.isEmpty()) {
            return RestoreResult.of(RestoreOutcome.NOTHING_LOST);
        }
        Optional<ObjectId> head = repository.findCommit("HEAD");
        Optional<List<ObjectId>> chain = head.flatMap(tip -> chainToHead(tip, lost.keySet(), rewritten, commits));
        if (chain.isEmpty() || kind == RewriteKind.AMEND && !lost.containsKey(head.get())) {
            return new RestoreResult(RestoreOutcome.HEAD_MOVED, lost);
        }
        return switch (repository.rewordCommits(head.get(), chain.get(), (commit, message) ->
                withCheckpoints(message, lost.getOrDefault(commit, List.of())))) {
            case UPDATED -> new RestoreResult(RestoreOutcome.RESTORED, lost);
            case REJECTED_STALE, LOCKED -> new RestoreResult(RestoreOutcome.HEAD_MOVED, lost);
            case CREATED, UNCHANGED, DELETED -> throw new IllegalStateException("rewording HEAD did not move it");
        };
    }

    /** Per new commit, the ids its predecessors' trailers carried and its own message lacks, first seen first. */
    private static Map<ObjectId, List<CheckpointId>> lostTrailers(List<RewrittenCommit> rewritten,
            Map<ObjectId, CommitInfo> commits) {
        Map<ObjectId, Set<CheckpointId>> lost = new LinkedHashMap<>();
        for (RewrittenCommit commit : rewritten) {
            List<CheckpointId> kept = Trailers.checkpointIds(commits.get(commit.after()).message());
            for (CheckpointId id : Trailers.checkpointIds(commits.get(commit.before()).message())) {
                if (!kept.contains(id)) {
                    lost.computeIfAbsent(commit.after(), after -> new LinkedHashSet<>()).add(id);
                }
            }
        }
        Map<ObjectId, List<CheckpointId>> lists = new LinkedHashMap<>();
        lost.forEach((commit, ids) -> lists.put(commit, List.copyOf(ids)));
        return lists;
    }

    /**
     * HEAD's history from the first commit that lost a trailer up to HEAD, parents first; empty when HEAD does not
     * hold every such commit. The walk stops at the parents the rewritten commits were written on.
     */
    private Optional<List<ObjectId>> chainToHead(ObjectId head, Set<ObjectId> needed, List<RewrittenCommit> rewritten,
            Map<ObjectId, CommitInfo> commits) {
        Set<ObjectId> written = new LinkedHashSet<>();
        rewritten.forEach(commit -> written.add(commit.after()));
        Set<ObjectId> bases = new LinkedHashSet<>();
        for (ObjectId commit : written) {
            commits.get(commit).parents().stream().filter(parent -> !written.contains(parent)).forEach(bases::add);
        }
        List<ObjectId> history = repository.commitsBetween(bases, head);
        int first = -1;
        for (int i = 0; i < history.size() && first < 0; i++) {
            if (needed.contains(history.get(i))) {
                first = i;
            }
        }
        if (first < 0 || !new HashSet<>(history).containsAll(needed)) {
            return Optional.empty();
        }
        return Optional.of(new ArrayList<>(history.subList(first, history.size())));
    }

    private static String withCheckpoints(String message, List<CheckpointId> ids) {
        String linked = message;
        for (CheckpointId id : ids) {
            linked = Trailers.withCheckpoint(linked, id);
        }
        return linked;
    }
}
