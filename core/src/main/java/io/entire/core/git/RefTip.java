package io.entire.core.git;

import static java.util.Objects.requireNonNull;

/** A ref that points to a commit, with that commit's root tree. */
public record RefTip(RefName ref, ObjectId commit, ObjectId tree) {
    public RefTip {
        requireNonNull(ref, "ref is null");
        requireNonNull(commit, "commit is null");
        requireNonNull(tree, "tree is null");
    }
}
