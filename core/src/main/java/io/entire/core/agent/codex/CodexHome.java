package io.entire.core.agent.codex;

import java.nio.file.Path;
import java.util.Map;

/** Where Codex keeps its configuration and sessions: {@code $CODEX_HOME}, else {@code ~/.codex}. */
final class CodexHome {
    private CodexHome() {
    }

    static Path directory(Map<String, String> environment) {
        String configured = environment.getOrDefault("CODEX_HOME", "");
        if (!configured.isBlank()) {
            return Path.of(configured);
        }
        String home = environment.getOrDefault("HOME", "");
        return Path.of(home.isBlank() ? System.getProperty("user.home") : home).resolve(".codex");
    }
}
