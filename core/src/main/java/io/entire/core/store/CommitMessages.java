package io.entire.core.store;

import io.entire.core.id.CheckpointId;
import io.entire.core.model.SessionMetadata;
import java.util.Optional;

/** Messages of commits in checkpoint storage (FORMATS.md 2.5), shared by every layout. */
public final class CommitMessages {
    private CommitMessages() {
    }

    /** The checkpoint a storage commit's subject names ({@code Checkpoint: <id>} or its finalization). */
    public static Optional<CheckpointId> checkpointOf(String message) {
        String subject = message.lines().findFirst().orElse("");
        int colon = subject.lastIndexOf(": ");
        return colon < 0 ? Optional.empty() : CheckpointId.parse(subject.substring(colon + 2).strip());
    }

    /** The Go tool names the shadow branch on checkpoint commits only, not on finalizations. */
    public static String forWrite(CheckpointId id, SessionContent content, WriteKind kind) {
        SessionMetadata session = content.metadata();
        String subject = switch (kind) {
            case CHECKPOINT -> "Checkpoint: " + id;
            case FINALIZE -> "Finalize transcript for Checkpoint: " + id;
        };
        StringBuilder message = new StringBuilder(subject).append("\n\n");
        message.append("Entire-Session: ").append(session.sessionId()).append('\n');
        message.append("Entire-Strategy: ").append(session.strategy()).append('\n');
        session.agent().ifPresent(agent -> message.append("Entire-Agent: ").append(agent).append('\n'));
        if (kind == WriteKind.CHECKPOINT) {
            content.shadowBranch().ifPresent(branch -> message.append("Ephemeral-branch: ")
                    .append(branch.shortName()).append('\n'));
        }
        return message.toString();
    }
}
