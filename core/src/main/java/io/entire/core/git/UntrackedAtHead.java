package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/** HEAD's commit (empty on an unborn branch) and the files untracked in the work tree then, ignored ones left out. */
public record UntrackedAtHead(Optional<ObjectId> head, List<String> untracked) {
    public UntrackedAtHead {
        requireNonNull(head, "head is null");
        untracked = List.copyOf(untracked);
    }
}
