package io.entire.core.agent.claudecode;

import java.nio.file.Path;

/** Paths of the shared, real Claude Code transcripts (surefire runs with the core module as working directory). */
final class Fixtures {
    static final Path DIRECTORY = Path.of("").toAbsolutePath().getParent().getParent()
            .resolve("shared/fixtures/claude-code");
    /** 37 newline-terminated lines plus a last line without '\n'; one prompt, one Edit-ed file. */
    static final Path STRINGS_CONTAINS = DIRECTORY.resolve("75c838dd-10e3-40cf-8df3-17f9955149f8.jsonl");
    /** Starts with /clear and its injected caveat; one streamed message carries two tool calls. */
    static final Path LINT_DIRECTIVES = DIRECTORY.resolve("9d440bfc-a64f-43be-aa10-10a3764a59ea.jsonl");

    static final Path STRINGS_CONTAINS_REPO = Path.of("/Users/paul/src/entireio/20260205-cli");
    static final Path LINT_DIRECTIVES_REPO = Path.of("/Users/paul/src/entireio/cli");

    private Fixtures() {
    }
}
