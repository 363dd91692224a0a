package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A commit to create. Author and committer come from the user's git identity unless {@code author} is given;
 * dates default to now (migration keeps a checkpoint's creation time; a reword keeps the author date); signing
 * follows the user's git config unless {@code signing} says otherwise.
 */
public record CommitRequest(ObjectId tree, List<ObjectId> parents, String message, Optional<Identity> author,
        Optional<GitDate> authorDate, Optional<GitDate> committerDate, CommitSigning signing) {
    public CommitRequest {
        requireNonNull(tree, "tree is null");
        parents = List.copyOf(parents);
        requireNonNull(message, "message is null");
        requireNonNull(author, "author is null");
        requireNonNull(authorDate, "authorDate is null");
        requireNonNull(committerDate, "committerDate is null");
        requireNonNull(signing, "signing is null");
    }

    public static CommitRequest of(ObjectId tree, Optional<ObjectId> parent, String message) {
        return of(tree, parent.map(List::of).orElse(List.of()), message);
    }

    /** A commit never signed, whatever the config says: local scratch history nobody verifies or pushes. */
    public static CommitRequest unsigned(ObjectId tree, Optional<ObjectId> parent, String message) {
        return new CommitRequest(tree, parent.map(List::of).orElse(List.of()), message, Optional.empty(),
                Optional.empty(), Optional.empty(), CommitSigning.never());
    }

    public static CommitRequest of(ObjectId tree, List<ObjectId> parents, String message) {
        return new CommitRequest(tree, parents, message, Optional.empty(), Optional.empty(), Optional.empty(),
                CommitSigning.configured());
    }
}
