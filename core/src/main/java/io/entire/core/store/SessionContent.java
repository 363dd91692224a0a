package io.entire.core.store;

import static java.util.Objects.requireNonNull;

import io.entire.core.model.SessionMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What one session contributes to a checkpoint: its metadata, its redacted raw transcript (a file, so its size
 * does not matter to the heap), its compact transcript if one was built, its prompts, and the subagents it ran.
 */
public record SessionContent(SessionMetadata metadata, Path transcript, Optional<Path> compactTranscript,
        List<String> prompts, List<SubagentTask> tasks) {
    public SessionContent {
        requireNonNull(metadata, "metadata is null");
        requireNonNull(transcript, "transcript is null");
        requireNonNull(compactTranscript, "compactTranscript is null");
        prompts = List.copyOf(prompts);
        tasks = List.copyOf(tasks);
    }

    /** A session that ran no subagents. */
    public SessionContent(SessionMetadata metadata, Path transcript, Optional<Path> compactTranscript,
            List<String> prompts) {
        this(metadata, transcript, compactTranscript, prompts, List.of());
    }
}
