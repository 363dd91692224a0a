package io.entire.core.store;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.TreeEntry;
import io.entire.core.model.SessionMetadata;
import java.util.Map;
import java.util.Optional;

/** One session slot of a stored checkpoint: its metadata and the files of its folder by name. */
public record StoredSession(int slot, SessionMetadata metadata, Map<String, TreeEntry> files) {
    public StoredSession {
        if (slot < 0) {
            throw new IllegalArgumentException("negative slot " + slot);
        }
        requireNonNull(metadata, "metadata is null");
        files = Map.copyOf(files);
    }

    public Optional<TreeEntry> file(String name) {
        return Optional.ofNullable(files.get(name));
    }

    /** True when the slot stores a raw transcript under the current or the legacy name. */
    public boolean hasTranscript() {
        return files.containsKey(CheckpointTree.TRANSCRIPT) || files.containsKey(CheckpointTree.LEGACY_TRANSCRIPT);
    }
}
