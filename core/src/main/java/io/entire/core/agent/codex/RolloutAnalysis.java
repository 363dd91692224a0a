package io.entire.core.agent.codex;

import static java.util.Objects.requireNonNull;

import io.entire.core.model.TokenUsage;
import java.util.List;
import java.util.Optional;

/**
 * What one pass over a Codex rollout found in its part, the lines after {@code startLine}; {@code lineCount} counts the
 * whole file and is where the next part starts. Files are relative to the work tree, in the order first written.
 */
public record RolloutAnalysis(List<String> prompts, List<String> filesTouched, TokenUsage tokenUsage,
        Optional<String> model, int turnCount, long startLine, long lineCount, int skippedLines,
        Optional<String> firstTimestamp, Optional<String> lastTimestamp, Optional<String> sessionIdInRollout) {
    public RolloutAnalysis {
        prompts = List.copyOf(prompts);
        filesTouched = List.copyOf(filesTouched);
        requireNonNull(tokenUsage, "tokenUsage is null");
        requireNonNull(model, "model is null");
        if (turnCount < 0 || startLine < 0 || lineCount < startLine || skippedLines < 0) {
            throw new IllegalArgumentException("bad counts: turnCount=" + turnCount + " startLine=" + startLine
                    + " lineCount=" + lineCount + " skippedLines=" + skippedLines);
        }
        requireNonNull(firstTimestamp, "firstTimestamp is null");
        requireNonNull(lastTimestamp, "lastTimestamp is null");
        requireNonNull(sessionIdInRollout, "sessionIdInRollout is null");
    }
}
