package io.entire.core.git;

/** A multi-step git operation that may be under way in a work tree, as its state files in the git dir show. */
public enum RepositoryOperation {
    NONE,
    REBASE,
    CHERRY_PICK,
    REVERT,
    MERGE
}
