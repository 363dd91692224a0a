package io.entire.core.agent.claudecode;

import io.entire.core.testing.TestRepository;
import java.nio.file.Path;

/** Paths of the real Claude Code transcripts in testdata/. */
final class Fixtures {
    static final Path DIRECTORY = TestRepository.FIXTURES.resolve("claude-code");
    /** 37 newline-terminated lines plus a last line without '\n'; one prompt, one Edit-ed file. */
    static final Path STRINGS_CONTAINS = DIRECTORY.resolve("75c838dd-10e3-40cf-8df3-17f9955149f8.jsonl");
    /** Starts with /clear and its injected caveat; one streamed message carries two tool calls. */
    static final Path LINT_DIRECTIVES = DIRECTORY.resolve("9d440bfc-a64f-43be-aa10-10a3764a59ea.jsonl");

    static final Path STRINGS_CONTAINS_REPO = Path.of("/Users/paul/src/entireio/20260205-cli");
    static final Path LINT_DIRECTIVES_REPO = Path.of("/Users/paul/src/entireio/cli");

    private Fixtures() {
    }
}
