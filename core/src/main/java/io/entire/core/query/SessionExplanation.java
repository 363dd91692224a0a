package io.entire.core.query;

import static java.util.Objects.requireNonNull;

import io.entire.core.id.SessionId;
import io.entire.core.model.TokenUsage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One session of an explained checkpoint, with the summary the Go tool may have generated and stored for it. */
public record SessionExplanation(int slot, SessionId sessionId, Optional<String> agent, String model,
        Instant createdAt, List<String> prompts, Optional<TokenUsage> tokenUsage, List<String> filesTouched,
        HashCheck hashCheck, Optional<GeneratedSummary> summary) {
    public SessionExplanation {
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(agent, "agent is null");
        requireNonNull(model, "model is null");
        requireNonNull(createdAt, "createdAt is null");
        prompts = List.copyOf(prompts);
        requireNonNull(tokenUsage, "tokenUsage is null");
        filesTouched = List.copyOf(filesTouched);
        requireNonNull(hashCheck, "hashCheck is null");
        requireNonNull(summary, "summary is null");
    }
}
