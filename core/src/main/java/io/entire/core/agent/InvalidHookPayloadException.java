package io.entire.core.agent;

import io.entire.core.EntireException;

/**
 * A hook's stdin is not the JSON its agent sends (malformed, no usable session id, a member read as text holding
 * something else); nothing is recorded.
 */
public final class InvalidHookPayloadException extends EntireException {
    public InvalidHookPayloadException(String problem) {
        super(Category.USAGE, "hook payload ignored: " + problem);
    }
}
