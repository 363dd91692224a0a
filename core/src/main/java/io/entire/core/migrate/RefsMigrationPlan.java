package io.entire.core.migrate;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.ObjectId;
import io.entire.core.git.RefName;
import io.entire.core.git.TreeEntry;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How one v1 checkpoint becomes a checkpoint ref: the v1 folder's entries reused as they are, with a root
 * {@code metadata.json} whose session paths start at {@code /}, committed at the checkpoint's creation time.
 * {@code existingTip} is the ref's current commit, if the ref exists (the migrated commit goes on top of it);
 * {@code source} is the v1 folder it is made from.
 */
public record RefsMigrationPlan(CheckpointId id, RefName ref, Optional<ObjectId> existingTip, ObjectId source,
        List<TreeEntry> entries, byte[] metadata, Instant createdAt, List<SessionId> sessions) {
    /** The trailer that names the v1 folder a migrated commit was made from; reruns compare it instead of content. */
    public static final String SOURCE_TRAILER = "Entire-Migrated-From";

    public RefsMigrationPlan {
        requireNonNull(id, "id is null");
        requireNonNull(ref, "ref is null");
        requireNonNull(existingTip, "existingTip is null");
        requireNonNull(source, "source is null");
        entries = List.copyOf(entries);
        metadata = metadata.clone();
        requireNonNull(createdAt, "createdAt is null");
        sessions = List.copyOf(sessions);
    }

    @Override
    public byte[] metadata() {
        return metadata.clone();
    }

    /** The storage commit's message (FORMATS.md 2.5), naming every session so session look-ups find it. */
    public String message() {
        StringBuilder message = new StringBuilder("Checkpoint: ").append(id).append("\n\n");
        sessions.forEach(session -> message.append("Entire-Session: ").append(session).append('\n'));
        message.append("Entire-Strategy: manual-commit\n");
        return message.append(SOURCE_TRAILER).append(": ").append(source.hex()).append('\n').toString();
    }
}
