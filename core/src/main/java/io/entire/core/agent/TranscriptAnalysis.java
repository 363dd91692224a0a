package io.entire.core.agent;

import static java.util.Objects.requireNonNull;

import io.entire.core.model.TokenUsage;
import java.util.List;
import java.util.Optional;

/**
 * What one pass over a part of a transcript found: its prompts, the files its tool calls wrote (relative to the work
 * tree), tokens, model and turns; {@code end} is where the transcript ended, the next part's start, and
 * {@code lineCount} counts the whole file's lines.
 */
public record TranscriptAnalysis(List<String> prompts, List<String> filesTouched, TokenUsage tokenUsage, String model,
        int turnCount, TranscriptPosition end, long lineCount, int skippedLines, Optional<String> firstTimestamp,
        Optional<String> lastTimestamp, Optional<String> sessionIdInTranscript) {
    public TranscriptAnalysis {
        prompts = List.copyOf(prompts);
        filesTouched = List.copyOf(filesTouched);
        requireNonNull(tokenUsage, "tokenUsage is null");
        requireNonNull(model, "model is null");
        requireNonNull(end, "end is null");
        if (turnCount < 0 || lineCount < 0 || skippedLines < 0) {
            throw new IllegalArgumentException("negative count: turnCount=" + turnCount + " lineCount=" + lineCount
                    + " skippedLines=" + skippedLines);
        }
        requireNonNull(firstTimestamp, "firstTimestamp is null");
        requireNonNull(lastTimestamp, "lastTimestamp is null");
        requireNonNull(sessionIdInTranscript, "sessionIdInTranscript is null");
    }

    /** The analysis of a transcript that is not there (yet): nothing, ending at {@code start}. */
    public static TranscriptAnalysis empty(TranscriptPosition start) {
        return new TranscriptAnalysis(List.of(), List.of(), TokenUsage.ZERO, "", 0, start, 0, 0, Optional.empty(),
                Optional.empty(), Optional.empty());
    }
}
