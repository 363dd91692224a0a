package io.entire.core.agent;

import io.entire.core.EntireException;

/** A hook's stdin is not the JSON Claude Code sends (malformed, or no usable session_id); nothing is recorded. */
public final class InvalidHookPayloadException extends EntireException {
    public InvalidHookPayloadException(String problem) {
        super(Category.USAGE, "hook payload ignored: " + problem);
    }
}
