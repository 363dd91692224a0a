package io.entire.core.agent.copilot;

import io.entire.core.testing.TestRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real Copilot CLI 1.0.102 session of testdata/agents/copilot: two runs, the second through {@code --resume}. */
final class Recording {
    static final Path DIRECTORY = TestRepository.FIXTURES.resolve("agents/copilot");
    static final String SESSION_ID = "0b4607ed-dadd-4953-90df-369a1da59dbd";
    static final Path EVENTS = DIRECTORY.resolve("session-state").resolve(SESSION_ID).resolve("events.jsonl");
    /** The repository the session ran in. */
    static final Path REPO = Path.of("/tmp/cpr/repo");
    /** The log's lines when the first run exited (its session.shutdown), and its whole length. */
    static final long FIRST_RUN = 30;
    static final long END = 59;

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
