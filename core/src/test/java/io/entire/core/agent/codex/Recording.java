package io.entire.core.agent.codex;

import io.entire.core.testing.TestRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real Codex 0.171.0 session of testdata/agents/codex: two turns, the second through {@code exec resume}. */
final class Recording {
    static final Path DIRECTORY = TestRepository.FIXTURES.resolve("agents/codex");
    static final Path ROLLOUT = DIRECTORY.resolve(
            "rollout-2026-12-04T21-22-05-01a242ef-8f49-7880-9740-3cf34e06dc87.jsonl");
    /** A session of the same version whose parent spawns one subagent (testdata/agents/codex/subagent). */
    static final Path SUBAGENT = DIRECTORY.resolve("subagent");
    static final String SESSION_ID = "01a242ef-8f49-7880-9740-3cf34e06dc87";
    /** The repository the session ran in. */
    static final Path REPO = Path.of("/tmp/cx/repo");
    /** The rollout's size in bytes and lines when the first turn's Stop hook ran, and its whole size. */
    static final long FIRST_STOP_BYTES = 41354;
    static final long FIRST_STOP = 18;
    static final long END = 34;

    private Recording() {
    }

    static byte[] hook(String name) {
        try {
            return Files.readAllBytes(DIRECTORY.resolve("hooks").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
