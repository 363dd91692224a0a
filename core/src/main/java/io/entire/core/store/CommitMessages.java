package io.entire.core.store;

import io.entire.core.git.LoggedCommit;
import io.entire.core.id.CheckpointId;
import io.entire.core.model.SessionMetadata;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Messages of commits in checkpoint storage (FORMATS.md 2.5), shared by every layout. */
public final class CommitMessages {
    /**
     * Names the code commit a session's metadata records as its link ({@code linked_commit}), so that the commits
     * linked without a trailer are found with one {@code git log --grep}, as sessions are by {@code Entire-Session}.
     */
    public static final String LINKED_COMMIT_KEY = "Entire-Linked-Commit";

    private CommitMessages() {
    }

    /**
     * The code commit a storage commit's {@value #LINKED_COMMIT_KEY} trailer names (full hex id), if any; a value that
     * is no full commit id is none.
     */
    public static Optional<String> linkedCommitOf(String message) {
        String prefix = LINKED_COMMIT_KEY + ": ";
        return message.lines().filter(line -> line.startsWith(prefix))
                .map(line -> line.substring(prefix.length()).strip()).findFirst()
                .filter(SessionMetadata::isFullCommitId);
    }

    /** The links the {@value #LINKED_COMMIT_KEY} trailers of storage commits record, by code commit. */
    public static Map<String, Set<CheckpointId>> recordedLinks(List<LoggedCommit> storageCommits) {
        Map<String, Set<CheckpointId>> links = new HashMap<>();
        for (LoggedCommit commit : storageCommits) {
            Optional<CheckpointId> id = checkpointOf(commit.message());
            Optional<String> linked = linkedCommitOf(commit.message());
            if (id.isPresent() && linked.isPresent()) {
                links.computeIfAbsent(linked.get(), key -> new LinkedHashSet<>()).add(id.get());
            }
        }
        return links;
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
        session.linkedCommit().ifPresent(commit -> message.append(LINKED_COMMIT_KEY).append(": ").append(commit)
                .append('\n'));
        if (kind == WriteKind.CHECKPOINT) {
            content.shadowBranch().ifPresent(branch -> message.append("Ephemeral-branch: ")
                    .append(branch.shortName()).append('\n'));
        }
        return message.toString();
    }
}
