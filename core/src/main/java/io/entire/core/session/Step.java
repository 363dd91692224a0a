package io.entire.core.session;

import static java.util.Objects.requireNonNull;

import io.entire.core.model.TokenUsage;
import java.time.Instant;
import java.util.List;

/**
 * One finished turn that changed files: the files as the agent left them, the turn's prompts and tokens, and how
 * many transcript lines there were at its end.
 */
public record Step(int number, Instant createdAt, List<FileSnapshot> files, List<String> prompts,
        TokenUsage tokenUsage, long transcriptLines) {
    public Step {
        if (number < 1) {
            throw new IllegalArgumentException("step number " + number + " is not positive");
        }
        requireNonNull(createdAt, "createdAt is null");
        files = List.copyOf(files);
        prompts = List.copyOf(prompts);
        requireNonNull(tokenUsage, "tokenUsage is null");
        if (transcriptLines < 0) {
            throw new IllegalArgumentException("negative transcript line count " + transcriptLines);
        }
    }

    public Step withPrompts(List<String> newPrompts) {
        return new Step(number, createdAt, files, newPrompts, tokenUsage, transcriptLines);
    }
}
