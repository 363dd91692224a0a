package io.entire.core.agent;

import static java.util.Objects.requireNonNull;

import io.entire.core.model.TokenUsage;
import java.util.List;
import java.util.Optional;

/**
 * What one pass over a Claude Code transcript found from its start line on; {@code lineCount} counts the whole file
 * and is where the next checkpoint starts.
 */
public record TranscriptAnalysis(List<String> prompts, List<String> filesTouched, TokenUsage tokenUsage, String model,
        int turnCount, long lineCount, int skippedLines, Optional<String> firstTimestamp,
        Optional<String> lastTimestamp, Optional<String> sessionIdInTranscript) {
    public TranscriptAnalysis {
        prompts = List.copyOf(prompts);
        filesTouched = List.copyOf(filesTouched);
        requireNonNull(tokenUsage, "tokenUsage is null");
        requireNonNull(model, "model is null");
        if (turnCount < 0 || lineCount < 0 || skippedLines < 0) {
            throw new IllegalArgumentException("negative count: turnCount=" + turnCount + " lineCount=" + lineCount
                    + " skippedLines=" + skippedLines);
        }
        requireNonNull(firstTimestamp, "firstTimestamp is null");
        requireNonNull(lastTimestamp, "lastTimestamp is null");
        requireNonNull(sessionIdInTranscript, "sessionIdInTranscript is null");
    }
}
