package io.entire.core.recover;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.CommitInfo;
import io.entire.core.git.ObjectId;
import java.util.List;

/** The steps recorded on HEAD's shadow branch for this work tree, oldest first, and the HEAD they start from. */
record ShadowSteps(ObjectId head, List<CommitInfo> steps) {
    ShadowSteps {
        requireNonNull(head, "head is null");
        steps = List.copyOf(steps);
    }

    int indexOf(ObjectId commit) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).id().equals(commit)) {
                return i;
            }
        }
        throw new IllegalArgumentException("commit " + commit + " is not a step on the shadow branch of " + head);
    }
}
