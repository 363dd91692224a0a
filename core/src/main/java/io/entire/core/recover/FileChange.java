package io.entire.core.recover;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.TreeEntry;
import java.util.Optional;

/** One work tree file a rewind writes ({@code target} present) or deletes. */
public record FileChange(String path, Action action, Optional<TreeEntry> target) {
    /** What happens to the file. */
    public enum Action {
        CREATE,
        MODIFY,
        DELETE
    }

    public FileChange {
        requireNonNull(path, "path is null");
        requireNonNull(action, "action is null");
        requireNonNull(target, "target is null");
        if ((action == Action.DELETE) != target.isEmpty()) {
            throw new IllegalArgumentException(path + ": " + action + " with target " + target);
        }
    }
}
