package io.entire.core.agent.opencode;

import io.entire.core.testing.TestRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The OpenCode 1.18.33 session recorded in testdata/agents/opencode (see its README). */
final class Recording {
    static final Path DIRECTORY = TestRepository.FIXTURES.resolve("agents/opencode");
    static final String SESSION_ID = "ses_dbc3a8c5fffeco05BmpuiqE8pK";
    /** The work tree the session ran in. */
    static final Path WORK_TREE = Path.of("/tmp/oc-rec/repo");
    /** The session file the plugin wrote as the first turn started: the session, no message yet. */
    static final Path SESSION_AT_TURN_ONE_START = DIRECTORY.resolve("session-at-turn-1-start.json");
    /** The session file the plugin wrote at the end of the first turn, which wrote greeting.txt. */
    static final Path SESSION_AFTER_TURN_ONE = DIRECTORY.resolve("session-after-turn-1.json");
    /** The same file after the resumed second turn, which read and edited README.md. */
    static final Path SESSION = DIRECTORY.resolve("session.json");

    private Recording() {
    }

    /** The stdin of the {@code number}th hook call (from 1), of verb {@code verb}. */
    static byte[] hook(int number, String verb) {
        try {
            return Files.readAllBytes(DIRECTORY.resolve("hooks").resolve("%02d-%s.json".formatted(number, verb)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
