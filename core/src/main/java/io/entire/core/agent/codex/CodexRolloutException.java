package io.entire.core.agent.codex;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;
import java.nio.file.Path;

/** A Codex rollout could not be read from where the last part ended; the path says which one. */
public final class CodexRolloutException extends EntireException {
    private final Path rollout;

    public CodexRolloutException(Path rollout, String problem, Throwable cause) {
        super(Category.STATE, "codex rollout " + rollout + ": " + problem, cause);
        this.rollout = requireNonNull(rollout, "rollout is null");
    }

    public CodexRolloutException(Path rollout, String problem) {
        super(Category.STATE, "codex rollout " + rollout + ": " + problem);
        this.rollout = requireNonNull(rollout, "rollout is null");
    }

    public Path rollout() {
        return rollout;
    }
}
