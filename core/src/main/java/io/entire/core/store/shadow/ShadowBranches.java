package io.entire.core.store.shadow;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.BatchReader;
import io.entire.core.git.CommitRequest;
import io.entire.core.git.Expected;
import io.entire.core.git.GitObject;
import io.entire.core.git.GitRepository;
import io.entire.core.git.GitWorkers;
import io.entire.core.git.ObjectId;
import io.entire.core.git.RefName;
import io.entire.core.git.RefUpdateResult;
import io.entire.core.git.TreeEditor;
import io.entire.core.git.TreeEntry;
import java.util.Map;
import java.util.Optional;

/**
 * The shadow branches of a repository (FORMATS.md 8): each snapshot is a commit whose tree is the previous
 * snapshot's (or the base commit's) with some paths replaced or removed. Sessions of one work tree share its branch;
 * the ref moves by compare-and-swap, so concurrent sessions re-apply their edits onto each other's snapshots. Uses
 * the caller's git workers from the caller's thread.
 */
public final class ShadowBranches {
    private static final int MAX_ATTEMPTS = 20;

    private final GitRepository repository;
    private final GitWorkers workers;

    public ShadowBranches(GitRepository repository, GitWorkers workers) {
        this.repository = requireNonNull(repository, "repository is null");
        this.workers = requireNonNull(workers, "workers is null");
    }

    /**
     * Commits the edits (a path to its new entry, or to empty for a deletion) onto the shadow branch of {@code base}
     * in work tree {@code worktreeId}; empty when the snapshot would be identical to the branch's tip, which is then
     * left alone.
     */
    public Optional<ObjectId> commit(ObjectId base, String worktreeId, Map<String, Optional<TreeEntry>> edits,
            String message) {
        RefName branch = ShadowBranch.name(base, worktreeId);
        TreeEditor editor = new TreeEditor(workers.reader(), workers.writer());
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            // The ref's own value, not a peeled one: it is what the compare-and-swap expects.
            Optional<GitObject> tip = workers.reader().find(branch.name());
            if (tip.isPresent() && !tip.get().type().equals("commit")) {
                throw new ShadowBranchException(branch, branch.shortName() + " points to a " + tip.get().type()
                        + ", not a commit; delete it (git update-ref -d " + branch.name() + ") to record snapshots");
            }
            ObjectId parent = tip.map(GitObject::id).orElse(base);
            ObjectId parentTree = tip.isPresent() ? BatchReader.parseCommit(tip.get()).tree()
                    : workers.reader().readCommitTree(base);
            ObjectId tree = editor.apply(Optional.of(parentTree), edits);
            if (tree.equals(parentTree) && tip.isPresent()) {
                return Optional.empty();
            }
            // Snapshots stay local and are never pushed: signing each step would slow every turn, or ask for a key.
            ObjectId commit = workers.writer().writeCommit(CommitRequest.unsigned(tree, Optional.of(parent), message));
            RefUpdateResult result = repository.refs().update(branch, Expected.of(tip.map(GitObject::id)), commit,
                    "entire: snapshot");
            switch (result) {
                case CREATED, UPDATED, UNCHANGED, DELETED -> {
                    return Optional.of(commit);
                }
                case REJECTED_STALE, LOCKED -> pause(branch, attempt);
            }
        }
        throw new ShadowBranchException(branch, "gave up writing " + branch.shortName() + " after " + MAX_ATTEMPTS
                + " attempts: other sessions kept moving it; the next turn's snapshot will try again");
    }

    /** Deletes the shadow branch of {@code base} if it exists; true when it is gone. */
    public boolean delete(ObjectId base, String worktreeId) {
        RefName branch = ShadowBranch.name(base, worktreeId);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<ObjectId> tip = workers.reader().find(branch.name()).map(GitObject::id);
            if (tip.isEmpty() && repository.refs().isLoose(branch)) {
                // cat-file calls a branch whose commit is missing (a damaged repository) missing too; rev-parse
                // reads its value, so it goes as well. Only then: most sessions condensed have no shadow branch.
                tip = repository.refs().find(branch);
            }
            if (tip.isEmpty()) {
                return true;
            }
            switch (repository.refs().delete(branch, tip.get(), "entire: condensed")) {
                case DELETED, CREATED, UPDATED, UNCHANGED -> {
                    return true;
                }
                case REJECTED_STALE, LOCKED -> pause(branch, attempt);
            }
        }
        return false;
    }

    private static void pause(RefName branch, int attempt) {
        try {
            Thread.sleep(Math.min(50, 2L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShadowBranchException(branch, "interrupted while writing a shadow branch");
        }
    }
}
