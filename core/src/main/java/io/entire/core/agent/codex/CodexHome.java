package io.entire.core.agent.codex;

import io.entire.core.Environment;
import java.nio.file.Path;

/** Where Codex keeps its configuration and sessions: {@code $CODEX_HOME}, else {@code ~/.codex}. */
final class CodexHome {
    private CodexHome() {
    }

    static Path directory(Environment environment) {
        String configured = environment.variable("CODEX_HOME").orElse("");
        return configured.isBlank() ? environment.home().resolve(".codex") : Path.of(configured);
    }
}
