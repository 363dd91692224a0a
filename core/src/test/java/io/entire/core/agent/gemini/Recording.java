package io.entire.core.agent.gemini;

import io.entire.core.testing.TestRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The Gemini CLI 0.61.0 session recorded in testdata/agents/gemini (see its README). */
final class Recording {
    static final Path DIRECTORY = TestRepository.FIXTURES.resolve("agents/gemini");
    static final String SESSION_ID = "179019dc-a79b-40a7-965d-af9f402bfeb6";
    /** The work tree the session ran in. */
    static final Path WORK_TREE = Path.of("/tmp/gem/run1/repo");
    /** The session's chat as it stood after its first turn, which wrote hello.txt. */
    static final Path CHAT_AFTER_TURN_ONE = chat("session-2026-12-04T21-21-179019dc.after-turn-1.jsonl");
    /** The same file after the session was resumed for a second turn, which edited hello.txt. */
    static final Path CHAT = chat("session-2026-12-04T21-21-179019dc.jsonl");
    /** The file the resumed session's SessionStart named: metadata and the injected context only. */
    static final Path CHAT_OF_RESUME_START = chat("session-2026-12-04T21-22-179019dc.jsonl");

    /**
     * A session whose resume started in the minute of its first run: the chat file names have minute resolution, so
     * the resume's own new file is the session's file, and its list replacement strips the earlier replies.
     */
    static final Path CHAT_RESUMED_WITHIN_A_MINUTE = chat("session-2026-12-04T21-54-3d802d31.jsonl");
    static final Path WORK_TREE_RESUMED_WITHIN_A_MINUTE = Path.of("/tmp/junit-4012143418635963927/repo");

    /**
     * A session whose resumed second turn made Gemini CLI compress the chat (its first reply reported 900,000 prompt
     * tokens): a {@code $set} replaced the list by the context, a summary, an acknowledgement and copies (new ids,
     * stripped) of the turn's prompt and reply.
     */
    static final Path CHAT_COMPRESSED = chat("session-2026-12-05T03-23-a6302bee.jsonl");
    static final Path WORK_TREE_COMPRESSED = Path.of("/tmp/junit-17618603319073329886/repo");

    private Recording() {
    }

    static Path chat(String name) {
        return DIRECTORY.resolve("chats").resolve(name);
    }

    /** The stdin of the {@code number}th hook call (from 0), of event {@code event}. */
    static byte[] hook(int number, String event) {
        try {
            return Files.readAllBytes(DIRECTORY.resolve("hooks").resolve("%02d-%s.json".formatted(number, event)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
