package io.entire.core.store;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.RefName;
import io.entire.core.model.SessionMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What one session contributes to a checkpoint: its metadata, its redacted raw transcript (a file, so its size
 * does not matter to the heap), its compact transcript if one was built, its prompts, the subagents it ran, and the
 * shadow branch its steps were recorded on (named in the storage commit, as the Go tool does). When the transcript's
 * chunks are in the object database already ({@code writtenTranscript}, the chunks of exactly that file), the stores
 * take them instead of writing the file again.
 */
public record SessionContent(SessionMetadata metadata, Path transcript, Optional<Path> compactTranscript,
        List<String> prompts, List<SubagentTask> tasks, Optional<RefName> shadowBranch,
        Optional<TranscriptChunks.Written> writtenTranscript) {
    public SessionContent {
        requireNonNull(metadata, "metadata is null");
        requireNonNull(transcript, "transcript is null");
        requireNonNull(compactTranscript, "compactTranscript is null");
        prompts = List.copyOf(prompts);
        tasks = List.copyOf(tasks);
        requireNonNull(shadowBranch, "shadowBranch is null");
        requireNonNull(writtenTranscript, "writtenTranscript is null");
    }

    /** A session whose transcript the stores write. */
    public SessionContent(SessionMetadata metadata, Path transcript, Optional<Path> compactTranscript,
            List<String> prompts, List<SubagentTask> tasks, Optional<RefName> shadowBranch) {
        this(metadata, transcript, compactTranscript, prompts, tasks, shadowBranch, Optional.empty());
    }

    /** A session captured without shadow branch (attached after the fact). */
    public SessionContent(SessionMetadata metadata, Path transcript, Optional<Path> compactTranscript,
            List<String> prompts, List<SubagentTask> tasks) {
        this(metadata, transcript, compactTranscript, prompts, tasks, Optional.empty());
    }

    /** A session that ran no subagents. */
    public SessionContent(SessionMetadata metadata, Path transcript, Optional<Path> compactTranscript,
            List<String> prompts) {
        this(metadata, transcript, compactTranscript, prompts, List.of());
    }
}
