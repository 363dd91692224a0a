package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Moves HEAD and the work tree with it, the way a person would with {@code git switch} and {@code git reset --keep}:
 * git itself refuses to overwrite local changes or untracked files, and the failure says which.
 */
public final class WorkTreeCheckout {
    private final Git git;

    public WorkTreeCheckout(GitRepository repository) {
        this.git = requireNonNull(repository, "repository is null").git();
    }

    /** Switches to a local branch, or creates one tracking the remote branch of that name, as git switch guesses. */
    public void switchTo(String branch) {
        requireSafe(branch);
        git.run(List.of("switch", "--quiet", branch), null);
    }

    /**
     * Moves the current branch (or a detached HEAD) to {@code commit}, updating the files that differ; refused by git
     * when one of them has local changes.
     */
    public void resetKeep(ObjectId commit) {
        git.run(List.of("reset", "--quiet", "--keep", commit.hex()), null);
    }

    private static void requireSafe(String branch) {
        if (branch.isEmpty() || branch.startsWith("-") || branch.indexOf('\n') >= 0 || branch.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a branch name: '" + branch + "'");
        }
    }
}
