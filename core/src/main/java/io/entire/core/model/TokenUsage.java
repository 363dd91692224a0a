package io.entire.core.model;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** Token counts of one session or an aggregate of sessions (FORMATS.md 2.1 {@code token_usage}). */
public record TokenUsage(long inputTokens, long cacheCreationTokens, long cacheReadTokens, long outputTokens,
        long apiCallCount, Optional<TokenUsage> subagentTokens) {
    public static final TokenUsage ZERO = new TokenUsage(0, 0, 0, 0, 0, Optional.empty());

    public TokenUsage {
        if (inputTokens < 0 || cacheCreationTokens < 0 || cacheReadTokens < 0 || outputTokens < 0 || apiCallCount < 0) {
            throw new IllegalArgumentException("negative token count: input=" + inputTokens + " cacheCreation="
                    + cacheCreationTokens + " cacheRead=" + cacheReadTokens + " output=" + outputTokens
                    + " apiCalls=" + apiCallCount);
        }
        requireNonNull(subagentTokens, "subagentTokens is null");
    }

    public TokenUsage(long inputTokens, long cacheCreationTokens, long cacheReadTokens, long outputTokens,
            long apiCallCount) {
        this(inputTokens, cacheCreationTokens, cacheReadTokens, outputTokens, apiCallCount, Optional.empty());
    }

    public boolean isZero() {
        return inputTokens == 0 && cacheCreationTokens == 0 && cacheReadTokens == 0 && outputTokens == 0
                && apiCallCount == 0 && subagentTokens.isEmpty();
    }

    /** The element-wise sum; sub-agent tokens are summed too when either side has them. */
    public TokenUsage plus(TokenUsage other) {
        Optional<TokenUsage> subagents = subagentTokens.isEmpty() ? other.subagentTokens
                : other.subagentTokens.isEmpty() ? subagentTokens
                : Optional.of(subagentTokens.get().plus(other.subagentTokens.get()));
        return new TokenUsage(TokenCount.sum(inputTokens, other.inputTokens),
                TokenCount.sum(cacheCreationTokens, other.cacheCreationTokens),
                TokenCount.sum(cacheReadTokens, other.cacheReadTokens),
                TokenCount.sum(outputTokens, other.outputTokens), TokenCount.sum(apiCallCount, other.apiCallCount),
                subagents);
    }
}
