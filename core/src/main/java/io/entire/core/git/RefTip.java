package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** A ref that points to a commit, with that commit's root tree and, when asked for, one trailer of its message. */
public record RefTip(RefName ref, ObjectId commit, ObjectId tree, Optional<String> trailer) {
    public RefTip {
        requireNonNull(ref, "ref is null");
        requireNonNull(commit, "commit is null");
        requireNonNull(tree, "tree is null");
        requireNonNull(trailer, "trailer is null");
    }
}
