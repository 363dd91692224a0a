package io.entire.core.agent.codex;

import io.entire.core.EntireException;

/** A hook's stdin is not the JSON Codex sends (malformed, or no usable session_id); nothing is recorded. */
public final class InvalidCodexPayloadException extends EntireException {
    public InvalidCodexPayloadException(String problem) {
        super(Category.USAGE, "codex hook payload ignored: " + problem);
    }
}
