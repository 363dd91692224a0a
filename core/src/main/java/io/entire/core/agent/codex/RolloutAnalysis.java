package io.entire.core.agent.codex;

import static java.util.Objects.requireNonNull;

import io.entire.core.model.TokenUsage;
import java.util.List;
import java.util.Optional;

/**
 * What one pass over a Codex rollout found in its part {@code [startOffset, endOffset)}: bytes of whole lines, so
 * {@code endOffset} is where the next part starts. Files are relative to the work tree, in the order first written.
 */
public record RolloutAnalysis(List<String> prompts, List<String> filesTouched, TokenUsage tokenUsage,
        Optional<String> model, int turnCount, long startOffset, long endOffset, long lineCount, int skippedLines,
        Optional<String> sessionIdInRollout) {
    public RolloutAnalysis {
        prompts = List.copyOf(prompts);
        filesTouched = List.copyOf(filesTouched);
        requireNonNull(tokenUsage, "tokenUsage is null");
        requireNonNull(model, "model is null");
        if (turnCount < 0 || startOffset < 0 || endOffset < startOffset || lineCount < 0 || skippedLines < 0) {
            throw new IllegalArgumentException("bad counts: turnCount=" + turnCount + " startOffset=" + startOffset
                    + " endOffset=" + endOffset + " lineCount=" + lineCount + " skippedLines=" + skippedLines);
        }
        requireNonNull(sessionIdInRollout, "sessionIdInRollout is null");
    }
}
